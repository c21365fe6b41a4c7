/**
 * What the app layer lends actions that reach above the OneBot layer (which may not import the
 * network layer): restarting an account's adapters, listing them. Absent when there is no
 * network (tests over a bare dispatcher).
 */
export interface RuntimeHooks {
  /** Restarts every adapter of the account after `delayMs`, once the reply has gone out. */
  restartAdapters(selfId: number, delayMs: number): void;
  /** Stops every adapter of the account after `delayMs` (bot_exit): it goes offline until its config is applied again. */
  stopAdapters(selfId: number, delayMs: number): void;
  /** The account's running adapters: the "clients" it is logged in through. */
  adapters(selfId: number): readonly AdapterInfo[];
  /** The account's OneBot config (onebot11_<uin>.json), or the defaults when it has none. */
  readConfig(selfId: number): Promise<unknown>;
  /** Validates, saves and applies the account's OneBot config (as the console's Bots page does). */
  writeConfig(selfId: number, config: unknown): Promise<void>;
}

export interface AdapterInfo {
  readonly kind: string;
  readonly name: string;
  readonly state: string;
  readonly endpoint: string;
  readonly clients: number;
}
