import { z } from 'zod';
import { readerSettingsSchema } from '../../hardware/reader-settings.js';
import { ADMIN, ALL, id, op } from '../define.js';
import type { CustomerDisplayView, DisplayCredentialView, PublicBoardView, ReaderSettingsView, ReaderStatusView } from '../views-hardware.js';

/** The counter this installation runs; the model allows more (one customer display each). */
export const COUNTER = z
  .string()
  .regex(/^[a-z0-9-]{1,20}$/, 'counter: 1-20 lower-case letters, digits or -')
  .default('main');

export const hardwareOps = {
  /** The header's chip and the counter's card hook poll this; it never counts as activity. */
  'reader.status': op<ReaderStatusView>()({ access: ALL, passive: true, input: z.object({}) }),
  'reader.settings': op<ReaderSettingsView>()({ access: ADMIN, input: z.object({}) }),
  'reader.saveSettings': op<ReaderStatusView>()({ access: ADMIN, writes: true, input: readerSettingsSchema }),

  /**
   * An operator opens a display (the customer display at their counter, the public board
   * on the hall's TV): a new display-only credential, which sees the current sale and the
   * public boards, and nothing else. The operator's own session is not handed over.
   */
  'display.open': op<DisplayCredentialView>()({
    access: ALL,
    input: z.object({ kind: z.enum(['customer', 'board']), counter: COUNTER }),
  }),
  /** The counter says what the villager should see: passive, the sale itself is the activity. */
  'display.publish': op<null>()({
    access: ALL,
    passive: true,
    input: z.object({
      counter: COUNTER,
      sale: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('idle') }),
        z.object({
          kind: z.literal('sale'),
          householdId: id,
          passbookId: id.nullable(),
          lines: z.array(z.object({ goodsId: id, quantity: z.number().int().min(1).max(99) })).max(50),
        }),
        z.object({ kind: z.literal('done'), redemptionId: id }),
      ]),
    }),
  }),

  // Display-only operations: callable with a display credential, never with an operator's.
  /** The customer display: the current sale of its counter. A board display is refused. */
  'display.sale': op<CustomerDisplayView>()({ access: 'display', input: z.object({}) }),
  /** The honour board and the notices in publicity, for either kind of display. */
  'display.board': op<PublicBoardView>()({ access: 'display', input: z.object({}) }),
};
