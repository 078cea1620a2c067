import { z } from 'zod';
import { invisibleCharIn, residentIdIn } from '../domain/text-safety.js';

export type Role = 'keeper' | 'accountant' | 'admin';
const ROLES: readonly Role[] = ['keeper', 'accountant', 'admin'];

/**
 * Who may call an operation: nobody logged in ('public'), a list of operator roles, or
 * 'display': only a display credential (the customer display, the public board), which
 * is never an operator's session and can call nothing else.
 */
export type Access = 'public' | 'display' | readonly Role[];

export interface OpSpec<I extends z.ZodType, R> {
  access: Access;
  input: I;
  /** Phantom: the result type, carried for the typed client. Never read at run time. */
  result?: R;
  /** True when the operation writes; used by audit and by the fuzz tests. */
  writes: boolean;
  /**
   * True for what screens poll by themselves (printer state, progress): such calls need a
   * live session but do not count as the operator being active, so an unattended window
   * still times out.
   */
  passive: boolean;
}

/** Declares one operation; `R` is the result type the handler must return. */
export function op<R>() {
  return <I extends z.ZodType>(spec: { access: Access; input: I; writes?: boolean; passive?: boolean }): OpSpec<I, R> => ({
    access: spec.access,
    input: spec.input,
    writes: spec.writes ?? false,
    passive: spec.passive ?? false,
  });
}

export const ALL: readonly Role[] = ROLES;
export const STAFF_ACCOUNTS: readonly Role[] = ['accountant', 'admin'];
export const ADMIN: readonly Role[] = ['admin'];

/**
 * Free text typed by people: trimmed, bounded, and without control characters (which
 * break receipts and exports). Chinese, emoji-free by policy: the thermal printer cannot
 * print emoji, so they are refused where the text reaches paper.
 */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message: 'control characters are not allowed' });

export const printableText = (max: number) =>
  text(max)
    .refine((s) => !/\p{Extended_Pictographic}/u.test(s), { message: 'emoji are not allowed' })
    // Invisible and direction-changing characters (issue 12): refused with their own code,
    // which dispatch turns into a Chinese message naming the character.
    .superRefine((s, ctx) => {
      const char = invisibleCharIn(s);
      if (char) ctx.addIssue({ code: 'custom', message: `invisible or direction-changing character ${char}`, params: { code: 'TEXT_INVISIBLE', char } });
    });

/**
 * Free text that is not a name (an address, a note, a reason, a description): printable,
 * and never holding a resident ID number, which the store keeps only hashed and masked.
 */
export const freeText = (max: number) =>
  printableText(max).superRefine((s, ctx) => {
    const masked = residentIdIn(s);
    if (masked) ctx.addIssue({ code: 'custom', message: 'an ID number is not allowed here', params: { code: 'TEXT_HAS_ID_NUMBER', masked } });
  });

export const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const pin = z.string().regex(/^\d{4,8}$/, 'PIN must be 4 to 8 digits');
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD');
/** A client-made request id: makes a retried or double-sent request return the first result. */
export const requestId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'request id must be 8-64 letters, digits, _ or -');
