/**
 * A refusal the DRP API answers with the spec's error object (DRP 1.0 §3.05): the HTTP status,
 * `code` (that status as a string), `message`, and `fatal` when retrying cannot help. Messages are
 * fixed strings chosen here, never built from the request, so no personal data reaches an agent's
 * logs or ours. `emptyBody` is for the pairwise-token endpoint, whose failures are a bare 403.
 */
export class DrpError extends Error {
  readonly status: 400 | 403 | 404 | 409 | 503;
  readonly fatal: boolean;
  readonly emptyBody: boolean;

  constructor(status: DrpError["status"], message: string, options: { fatal?: boolean; emptyBody?: boolean } = {}) {
    super(message);
    this.name = "DrpError";
    this.status = status;
    this.fatal = options.fatal ?? false;
    this.emptyBody = options.emptyBody ?? false;
  }

  toBody(): { code: string; message: string; fatal?: boolean } {
    return { code: String(this.status), message: this.message, ...(this.fatal ? { fatal: true } : {}) };
  }
}
