import { z } from 'zod';
import { ADMIN, ALL, id, isoDate, op, freeText, printableText, requestId, STAFF_ACCOUNTS, text } from '../define.js';
import type {
  CardIssued,
  GroupView,
  HouseholdDetail,
  HouseholdPage,
  RosterImported,
  RosterPreview,
  RosterTemplateFile,
  TransferDone,
} from '../views-households.js';
import type { HouseholdStatement } from '../views-points.js';

const name = printableText(20).pipe(z.string().min(1, '姓名不能为空'));
const relation = printableText(10).pipe(z.string().min(1, '与户主关系不能为空'));
/** Typed by hand or read by a card reader; the core validates the check character. */
const idNumber = z.string().trim().max(24);
const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\- ]{5,20}$/, '联系电话格式不正确');
const reason = freeText(100).pipe(z.string().min(2, '请填写原因，至少 2 个字'));
const householdNumber = z.string().trim().min(1).max(12);

/**
 * A roster arrives as the file itself (.xlsx, or .csv in UTF-8 or GBK; base64, within the
 * browser host's 1 MB request limit) or as rows already read from a sheet.
 */
const rosterSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), fileName: text(120).pipe(z.string().min(1)), base64: z.string().max(1_000_000) }),
  z.object({ kind: z.literal('rows'), rows: z.array(z.array(z.string().max(200)).max(30)).max(5001) }),
]);

export const householdsOps = {
  'households.groups': op<GroupView[]>()({ access: STAFF_ACCOUNTS, input: z.object({}) }),
  'households.createGroup': op<GroupView>()({ access: ADMIN, writes: true, input: z.object({ name: printableText(20).pipe(z.string().min(1)) }) }),
  'households.list': op<HouseholdPage>()({
    access: STAFF_ACCOUNTS,
    input: z.object({
      query: text(40).optional(),
      groupId: id.optional(),
      status: z.enum(['active', 'moved']).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(50),
    }),
  }),
  'households.detail': op<HouseholdDetail>()({ access: STAFF_ACCOUNTS, input: z.object({ householdId: id }) }),
  'households.create': op<HouseholdDetail>()({
    access: ADMIN,
    writes: true,
    input: z.object({
      number: householdNumber,
      groupId: id,
      address: freeText(60).nullable().optional(),
      phone: phone.or(z.literal('')).nullable().optional(),
      members: z
        .array(z.object({ name, relation, idNumber: idNumber.nullable().optional() }))
        .min(1)
        .max(30),
      openingPoints: z.number().int().min(0).max(100_000).default(0),
      /** Opening points count as honour only when the committee's records say so. */
      openingHonour: z.boolean().default(false),
    }),
  }),
  'households.update': op<HouseholdDetail>()({
    access: ADMIN,
    writes: true,
    input: z.object({
      householdId: id,
      number: householdNumber.optional(),
      groupId: id.optional(),
      address: freeText(60).nullable().optional(),
      phone: phone.or(z.literal('')).nullable().optional(),
    }),
  }),
  /** Moved away (迁出) or back: a moved household cannot redeem or be scored. */
  'households.setStatus': op<HouseholdDetail>()({
    access: ADMIN,
    writes: true,
    input: z.object({ householdId: id, status: z.enum(['active', 'moved']), reason }),
  }),
  'households.addMember': op<HouseholdDetail>()({
    access: ADMIN,
    writes: true,
    input: z.object({ householdId: id, name, relation, idNumber: idNumber.nullable().optional() }),
  }),
  'households.updateMember': op<HouseholdDetail>()({
    access: ADMIN,
    writes: true,
    input: z.object({ memberId: id, name: name.optional(), relation: relation.optional(), idNumber: idNumber.nullable().optional() }),
  }),
  'households.removeMember': op<HouseholdDetail>()({ access: ADMIN, writes: true, input: z.object({ memberId: id, reason }) }),
  'households.makeHead': op<HouseholdDetail>()({
    access: ADMIN,
    writes: true,
    input: z.object({ memberId: id, previousHeadRelation: relation.default('家庭成员') }),
  }),
  /** A new card: the card version goes up and the old card's QR code stops working. */
  'households.issueCard': op<CardIssued>()({ access: ADMIN, writes: true, input: z.object({ householdId: id, reason }) }),
  /** Merging or splitting households: points (and honour if decided) move as ledger rows. */
  'households.transferPoints': op<TransferDone>()({
    access: ADMIN,
    writes: true,
    input: z.object({
      requestId,
      fromHouseholdId: id,
      toHouseholdId: id,
      passbookId: id,
      points: z.number().int().min(1).max(10_000_000),
      honour: z.number().int().min(0).max(10_000_000).default(0),
      reason,
    }),
  }),
  'households.template': op<RosterTemplateFile>()({ access: ADMIN, input: z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }) }),
  'households.importPreview': op<RosterPreview>()({ access: ADMIN, input: z.object({ source: rosterSource }) }),
  'households.import': op<RosterImported>()({ access: ADMIN, writes: true, input: z.object({ source: rosterSource }) }),
  /** 积分明细单: any operator may print it for a villager who asks at the counter. */
  'households.statement': op<HouseholdStatement>()({
    access: ALL,
    input: z.object({ householdId: id, passbookId: id.optional(), from: isoDate.optional(), to: isoDate.optional() }),
  }),
};
