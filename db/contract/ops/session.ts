import { z } from 'zod';
import { ADMIN, ALL, id, op, pin, printableText, text } from '../define.js';
import type { LoginTileView, SessionView, SetupStatus, Settings } from '../views.js';

export const sessionOps = {
  /** What the first screen needs: set-up done? village name for the title. */
  'setup.status': op<SetupStatus>()({ access: 'public', input: z.object({}) }),
  /** First run only: creates the first administrator and logs them in. */
  'setup.createAdmin': op<SessionView>()({
    access: 'public',
    writes: true,
    input: z.object({ name: printableText(20).pipe(z.string().min(1)), pin, villageName: printableText(40).optional() }),
  }),
  /**
   * First run only (no operator yet: a new computer): restores a backup, as `backup.restore`
   * does for an administrator on a store that has operators, and in the background like it.
   * Refused once any operator exists.
   */
  'setup.restore': op<{ started: true }>()({ access: 'public', writes: true, input: z.object({ file: text(1000).pipe(z.string().min(1)) }) }),
  /** Fills an empty installation with the demo village. */
  'setup.loadDemo': op<{ households: number; goods: number }>()({ access: ADMIN, writes: true, input: z.object({}) }),
  /** Names for the login picker (no secrets). */
  'session.operators': op<LoginTileView[]>()({ access: 'public', input: z.object({}) }),
  'session.login': op<SessionView>()({ access: 'public', writes: true, input: z.object({ operatorId: id, pin }) }),
  'session.logout': op<null>()({ access: ALL, input: z.object({}) }),
  'session.me': op<SessionView>()({ access: ALL, input: z.object({}) }),
  'settings.get': op<Settings>()({ access: ALL, input: z.object({}) }),
};
