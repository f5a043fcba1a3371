package io.meshforge.ctl;

/**
 * {@code ApiAnswer} is one answer of a control plane's REST API.
 *
 * @param status the HTTP status code
 * @param body the body as text (empty when there was none)
 */
public record ApiAnswer(int status, String body) {

  /** Returns {@code true} for a 2xx status. */
  public boolean ok() {
    return status >= 200 && status < 300;
  }
}
