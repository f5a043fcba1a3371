// The sign-in form: shown when the control plane answers 401. The token is kept for this tab only
// (sessionStorage, see api.js); submitting re-renders the current page with it.
import { setApiToken } from './api.js';
import { h } from './dom.js';

/** Shows the form (once), saying why when the control plane told. */
export function showLogin(reason) {
  if (document.getElementById('login')) {
    return;
  }
  const input = h('input', {
    id: 'login-token',
    type: 'password',
    autocomplete: 'off',
    placeholder: 'admin or user token',
    'aria-label': 'API token',
  });
  const form = h(
    'form',
    { id: 'login', class: 'login' },
    h('h2', {}, 'Sign in to the control plane'),
    h(
      'p',
      {},
      'Paste the admin token (the file admin-token in the control plane\u2019s state directory) ' +
        'or a user token (forgectl generate user-token, or POST /tokens/user).'
    ),
    reason ? h('p', { class: 'muted' }, reason) : null,
    input,
    h('button', { type: 'submit' }, 'Use token')
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = input.value.trim();
    if (!token) {
      return;
    }
    setApiToken(token);
    overlay.remove();
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });
  const overlay = h('div', { class: 'login-overlay', role: 'dialog', 'aria-modal': 'true' }, form);
  document.body.append(overlay);
  input.focus();
}
