// Every request the GUI makes to the control plane goes through this module, so that
// authentication (a bearer token: the API denies by default, ADR 0024) is added in one place.
// The token lives in this tab's sessionStorage. A link `/gui/#token=...` (the local launcher
// prints one) hands it over: it is read once here and removed from the address bar and history.

const TOKEN_KEY = 'meshforge.apiToken';
const unauthorizedListeners = [];

takeTokenFromAddress();

function takeTokenFromAddress() {
  const match = location.hash.match(/^#token=([^&]*)/);
  if (!match) {
    return;
  }
  setApiToken(decodeURIComponent(match[1]));
  history.replaceState(null, '', `${location.pathname}${location.search}#/`);
}

/** An answer other than 2xx, with the API's error body ({title, details}) when it sent one. */
export class ApiError extends Error {
  constructor(status, title, details) {
    super(details ? `${title}: ${details}` : title);
    this.status = status;
    this.title = title;
    this.details = details;
  }
}

/** Stores (or with null clears) the token sent as `Authorization: Bearer` for this tab. */
export function setApiToken(token) {
  if (token) {
    sessionStorage.setItem(TOKEN_KEY, token);
  } else {
    sessionStorage.removeItem(TOKEN_KEY);
  }
}

/** Calls listener(apiError) whenever the control plane answers 401 (no or a refused token). */
export function onUnauthorized(listener) {
  unauthorizedListeners.push(listener);
}

function headers(accept) {
  const result = { Accept: accept };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) {
    result.Authorization = `Bearer ${token}`;
  }
  return result;
}

async function request(path, accept) {
  let response;
  try {
    response = await fetch(path, { headers: headers(accept), cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, 'Control plane unreachable', String(e.message || e));
  }
  if (!response.ok) {
    let title = `HTTP ${response.status}`;
    let details = '';
    try {
      const body = await response.json();
      title = body.title || title;
      details = body.details || '';
    } catch {
      // not a JSON error body: keep the status line
    }
    const error = new ApiError(response.status, title, details);
    if (response.status === 401) {
      unauthorizedListeners.forEach((listener) => listener(error));
    }
    throw error;
  }
  return response;
}

/** GET a JSON document. */
export async function getJson(path) {
  return (await request(path, 'application/json')).json();
}

/** GET a resource rendered as Kuma universal YAML (the API's `Accept: application/yaml`). */
export async function getYaml(path) {
  return (await request(path, 'application/yaml')).text();
}

/** GET a list ({total, items, next}) and follow `next` until every item is read (bounded). */
export async function listAll(path, maxPages = 20) {
  const items = [];
  let next = `${path}${path.includes('?') ? '&' : '?'}size=1000`;
  for (let page = 0; next && page < maxPages; page++) {
    const body = await getJson(next);
    items.push(...(body.items || []));
    next = body.next;
  }
  return items;
}

/** Encodes one path segment (names may hold dots, never slashes). */
export function seg(value) {
  return encodeURIComponent(value);
}
