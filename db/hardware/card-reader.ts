/**
 * The ID card reader (读卡器) as the core sees it: a driver the host supplies (it loads the
 * maker's library; the core never does FFI), polled on a timer. A card read becomes a
 * one-time ticket; the counter hands the ticket to counter.lookup, which resolves it here
 * and runs the very lookup a typed ID number runs, so the errors are the same and the
 * number never leaves the core: not to the page, not to a log, not to the database.
 */
import { randomBytes } from 'node:crypto';
import { AppError, type ErrorCode, type ErrorParams } from '../contract/errors.js';
import type { ReaderSettingsView, ReaderStatusView } from '../contract/views-hardware.js';

/** What a driver hands over: the ID number only. Photo, address, name are never read out. */
export interface CardRead {
  idNumber: string;
}

export interface CardReaderDriver {
  /** The card on the reader, or null when there is none. Rejects when the reader is gone. */
  read(): Promise<CardRead | null>;
  close(): void;
}

/** A reader that cannot be used, with the refusal to show (Chinese / English via the table). */
export class ReaderUnavailable extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
  ) {
    super(code);
    this.name = 'ReaderUnavailable';
  }
}

/** Supplied by a host: opens the maker's library for the settings, or throws ReaderUnavailable. */
export type ReaderLoader = (settings: ReaderSettingsView) => CardReaderDriver;

export const TICKET_PREFIX = 'card:';
const TICKET = /^card:[A-Za-z0-9_-]{24}$/;
/** A card read and not taken by a counter within this time is forgotten. */
export const TICKET_TTL_MS = 30_000;
/** After a failure, how long before the library is opened again (a reader plugged in later). */
const RETRY_MS = 5_000;

interface Ticket {
  id: string;
  idNumber: string;
  expires: number;
}

export class CardReaderService {
  private driver: CardReaderDriver | null = null;
  private state: ReaderStatusView['state'] = 'keyboard';
  private detail: { code: ErrorCode; params: ErrorParams } | null = null;
  private ticket: Ticket | null = null;
  /** The card last seen on the reader: a card left lying there is read once, not again and again. */
  private onReader: string | null = null;
  private retryAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private generation = 0;

  constructor(
    private readonly deps: {
      settings: () => ReaderSettingsView;
      loader: ReaderLoader | null;
      now: () => number;
    },
  ) {}

  /** Starts polling every `intervalMs` (a host does this; a CLI run never does). */
  start(intervalMs = 400): void {
    if (this.running) return;
    this.running = true;
    const loop = () => {
      if (!this.running) return;
      void this.pollOnce().finally(() => {
        if (this.running) this.timer = setTimeout(loop, intervalMs);
        this.timer?.unref();
      });
    };
    loop();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.closeDriver();
  }

  /** After the settings changed: close the library, forget any card, open the new one on the next poll. */
  reconfigure(): void {
    this.closeDriver();
    this.ticket = null;
    this.onReader = null;
    this.retryAt = 0;
    this.generation++;
  }

  /** One poll: exported for tests, which drive it without a timer. */
  async pollOnce(): Promise<void> {
    const settings = this.deps.settings();
    if (settings.profile === 'keyboard') {
      this.closeDriver();
      this.set('keyboard', null);
      return;
    }
    const now = this.deps.now();
    if (!this.driver) {
      if (now < this.retryAt) return;
      if (!this.deps.loader) return this.fail('READER_NO_HOST', {});
      try {
        this.driver = this.deps.loader(settings);
      } catch (e) {
        if (e instanceof ReaderUnavailable) return this.fail(e.code, e.params);
        return this.fail('READER_LIBRARY_BROKEN', { detail: e instanceof Error ? e.message.slice(0, 120) : 'unknown' });
      }
    }
    const generation = this.generation;
    const driver = this.driver;
    let card: CardRead | null;
    try {
      card = await driver.read();
    } catch (e) {
      if (generation !== this.generation) return;
      this.closeDriver();
      if (e instanceof ReaderUnavailable) return this.fail(e.code, e.params);
      return this.fail('READER_NOT_CONNECTED', { port: settings.port });
    }
    // The settings changed while the library was reading: this card belongs to nobody.
    if (generation !== this.generation) return;
    if (!card) {
      this.onReader = null;
      this.set('waiting', null);
      return;
    }
    if (card.idNumber === this.onReader) return;
    this.onReader = card.idNumber;
    this.ticket = { id: TICKET_PREFIX + randomBytes(18).toString('base64url'), idNumber: card.idNumber, expires: this.deps.now() + TICKET_TTL_MS };
    this.set('read', null);
  }

  status(): ReaderStatusView {
    const t = this.liveTicket();
    return {
      state: this.state,
      error: this.detail ? new AppError(this.detail.code, this.detail.params).toBody() : null,
      ticket: t?.id ?? null,
    };
  }

  /**
   * For counter.lookup: a ticket becomes the ID number it stands for, once; anything else
   * is returned unchanged. A ticket that expired or was taken already is refused.
   */
  resolveQuery(query: string): string {
    if (!query.startsWith(TICKET_PREFIX)) return query;
    const t = this.liveTicket();
    if (!TICKET.test(query) || !t || t.id !== query) throw new AppError('READER_CARD_EXPIRED');
    this.ticket = null;
    return t.idNumber;
  }

  private liveTicket(): Ticket | null {
    if (this.ticket && this.ticket.expires < this.deps.now()) this.ticket = null;
    return this.ticket;
  }

  private set(state: ReaderStatusView['state'], detail: { code: ErrorCode; params: ErrorParams } | null): void {
    this.state = state;
    this.detail = detail;
  }

  private fail(code: ErrorCode, params: ErrorParams): void {
    this.retryAt = this.deps.now() + RETRY_MS;
    this.onReader = null;
    this.set('disconnected', { code, params });
  }

  private closeDriver(): void {
    const d = this.driver;
    this.driver = null;
    try {
      d?.close();
    } catch {
      // A library that fails to close is being let go of anyway.
    }
  }
}
