/**
 * The one contract: every operation the UI may call, with its input schema, its result
 * type and the roles allowed to call it. Both hosts (Electron IPC and loopback HTTP) are
 * generated from this table, and the renderer's client is typed from it.
 *
 * Feature areas add their own file under ops/ and spread it in here.
 */
import type { z } from 'zod';
import type { OpSpec } from './define.js';
import { accountingOps } from './ops/accounting.js';
import { adminOps } from './ops/admin.js';
import { backupOps } from './ops/backup.js';
import { counterOps } from './ops/counter.js';
import { hardwareOps } from './ops/hardware.js';
import { hostOps } from './ops/host.js';
import { householdsOps } from './ops/households.js';
import { pointsOps } from './ops/points.js';
import { printingOps } from './ops/printing.js';
import { sessionOps } from './ops/session.js';
import { stockOps } from './ops/stock.js';
import { reportingOps } from './ops/reporting.js';

export const contract = {
  ...accountingOps,
  ...sessionOps,
  ...counterOps,
  ...householdsOps,
  ...pointsOps,
  ...printingOps,
  ...stockOps,
  ...adminOps,
  ...backupOps,
  ...hardwareOps,
  ...hostOps,
  ...reportingOps,
};

export type Contract = typeof contract;
export type OpName = keyof Contract;
export type OpInput<K extends OpName> = z.input<Contract[K]['input']>;
export type OpParsed<K extends OpName> = z.output<Contract[K]['input']>;
export type OpResult<K extends OpName> = Contract[K] extends OpSpec<z.ZodType, infer R> ? R : never;

export const OP_NAMES = Object.keys(contract) as OpName[];
export function isOpName(s: string): s is OpName {
  return Object.prototype.hasOwnProperty.call(contract, s);
}

export type { Result, ErrorBody, ErrorCode } from './errors.js';
export * from './views.js';
export type * from './views-households.js';
export type * from './views-points.js';
export type * from './views-hardware.js';
export type * from './views-accounting.js';
export type * from './views-office.js';
export * from './views-stock.js';
export * from './views-trust.js';
export type * from './views-reporting.js';
export type { Role } from './define.js';
