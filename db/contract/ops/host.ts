import { z } from 'zod';
import { ADMIN, op, pin } from '../define.js';

/**
 * The host program itself. The desktop in kiosk mode cannot be closed from the keyboard;
 * an administrator leaves it here, with their PIN typed again (docs/desktop.md).
 */
export const hostOps = {
  'host.exit': op<{ exiting: true }>()({ access: ADMIN, writes: true, input: z.object({ pin }) }),
};
