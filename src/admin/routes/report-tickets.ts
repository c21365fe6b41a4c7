import { randomBytes } from 'node:crypto';

/** How long a view link may wait to be opened: the console opens it at once. */
export const reportTicketTtlMs = 60_000;

/**
 * One-use tickets for a load report's page. A frame or a new tab cannot send the Bearer header,
 * and a token in their URL would stay in the browser's history, in logs and in proxies. A ticket
 * in its place opens one report, once, for a minute: seen later anywhere, it opens nothing.
 */
export class ReportTickets {
  readonly #open = new Map<string, { readonly name: string; readonly expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A new ticket for the report `name`. */
  issue(name: string): string {
    this.#dropExpired();
    const ticket = randomBytes(32).toString('base64url');
    this.#open.set(ticket, { name, expiresAt: this.now() + reportTicketTtlMs });
    return ticket;
  }

  /** The report a ticket opens, using the ticket up; undefined when it is unknown, used or expired. */
  redeem(ticket: string): string | undefined {
    const entry = this.#open.get(ticket);
    this.#open.delete(ticket);
    return entry && entry.expiresAt > this.now() ? entry.name : undefined;
  }

  /** Tickets nobody opened are forgotten at the next issue, so they never pile up. */
  #dropExpired(): void {
    const now = this.now();
    for (const [ticket, { expiresAt }] of this.#open) if (expiresAt <= now) this.#open.delete(ticket);
  }
}
