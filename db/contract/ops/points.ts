import { z } from 'zod';
import { ADMIN, ALL, id, isoDate, op, freeText, printableText, requestId, STAFF_ACCOUNTS } from '../define.js';
import type {
  ClearedList,
  ClearingDone,
  ClearingPreview,
  ClearingSoon,
  EntriesCreated,
  EntryPhotoView,
  EntryView,
  HonourBoard,
  NoticeSummary,
  NoticeView,
  ObjectionResolved,
  ObjectionView,
  PassbookView,
  PointsSettings,
  ReviewDone,
  RuleBookSummary,
  RuleBookView,
  RuleItemView,
} from '../views-points.js';
import type { Page } from '../views.js';
import type { EvaluationImported, EvaluationPreview, EvaluationTemplateFile } from '../views-office.js';

/** A real calendar day (isoDate alone lets 2026-02-30 through). */
const day = isoDate.refine((s) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}, '日期不存在');
const points = z.number().int('分值必须是整数').min(1, '分值至少 1 分').max(100_000);
const label = (max: number) => printableText(max).pipe(z.string().min(1, '不能为空'));
const evidence = freeText(200);
const reason = freeText(200);
const statuses = z.enum(['pending', 'approved', 'rejected', 'published', 'cancelled', 'posted']);
const tier = z.object({ stars: z.number().int().min(1).max(10), name: label(20), minHonour: z.number().int().min(1).max(10_000_000) });

/**
 * Who does what (the seed: the village committee publishes): the committee (admin) runs the
 * rule book, publishes public notices (公示) and settles objections; accountants record,
 * review, and post (入账) a notice's entries once its period is over; keepers record only
 * villagers' self-claims (申报). docs/office.md's role table says the same and a test holds
 * the two together.
 */
const RECORDERS = ALL; // keepers may record only self-claimable items (villagers' claims at the counter)
const REVIEWERS = STAFF_ACCOUNTS;

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 YYYY-MM');
/** A sheet as the screen uploads it (base64), within the browser host's 1 MB request limit. */
// Base64 of at most ~720 KB of bytes (under the browser host's 1 MB body): room for a photo over the 512 KB limit, so that the
// core (not the schema) says in Chinese how large it is.
const photo = z.object({
  base64: z
    .string()
    .min(1)
    .max(960_000)
    .regex(/^[A-Za-z0-9+/=\s]*$/, 'not base64'),
  fileName: printableText(120).nullable().optional(),
});
const evaluationFile = z.object({
  month,
  fileName: printableText(120).pipe(z.string().min(1)),
  base64: z
    .string()
    .max(1_000_000)
    .regex(/^[A-Za-z0-9+/=\s]*$/, 'not base64'),
});

export const pointsOps = {
  // Rule book
  'rules.books': op<RuleBookSummary[]>()({ access: ALL, input: z.object({}) }),
  'rules.book': op<RuleBookView>()({ access: ALL, input: z.object({ bookId: id }) }),
  /** The version governing a day (the day of the deed when recording), or null. */
  'rules.inForce': op<RuleBookView | null>()({ access: ALL, input: z.object({ date: day }) }),
  'rules.createDraft': op<RuleBookView>()({
    access: ADMIN,
    writes: true,
    input: z.object({ title: label(60), basedOnId: id.nullable().optional() }),
  }),
  'rules.saveItem': op<RuleItemView>()({
    access: ADMIN,
    writes: true,
    input: z.object({
      bookId: id,
      itemId: id.optional(),
      code: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9-]{1,12}$/, '编号只能用字母、数字和短横线，最多 12 位'),
      category: label(20),
      title: label(40),
      description: freeText(300).default(''),
      direction: z.enum(['award', 'deduction']),
      minPoints: points,
      maxPoints: points,
      capPeriod: z.enum(['month', 'year']).nullable(),
      capPoints: points.nullable(),
      selfClaim: z.boolean(),
      passbookId: id.nullable().optional(),
      validFrom: day.nullable().optional(),
      validTo: day.nullable().optional(),
      sort: z.number().int().min(0).max(100_000).optional(),
    }),
  }),
  'rules.removeItem': op<RuleBookView>()({ access: ADMIN, writes: true, input: z.object({ itemId: id }) }),
  /** Adoption at a meeting (村民代表大会 etc.); freezes the version for good. */
  'rules.adopt': op<RuleBookView>()({
    access: ADMIN,
    writes: true,
    input: z.object({
      bookId: id,
      title: printableText(60).optional(),
      effectiveFrom: day,
      meetingDate: day,
      meetingBody: label(40),
      resolution: label(500),
      votesFor: z.number().int().min(0).max(100_000).nullable().optional(),
      votesAgainst: z.number().int().min(0).max(100_000).nullable().optional(),
      votesAbstain: z.number().int().min(0).max(100_000).nullable().optional(),
    }),
  }),

  // Entries and review
  /** One rule, one or many households (a monthly evaluation sheet); all or nothing. */
  'points.record': op<EntriesCreated>()({
    access: RECORDERS,
    writes: true,
    input: z.object({
      requestId,
      ruleItemId: id,
      eventDate: day,
      evidence,
      lines: z
        .array(z.object({ householdId: id, points: points.nullable().optional() }))
        .min(1)
        .max(2000),
      /** An evidence photo (JPEG/PNG, at most 512 KB; the core reads its type from its bytes). */
      photo: photo.nullable().optional(),
    }),
  }),
  /** The evidence photo of an entry, for the reviewer. */
  'points.entryPhoto': op<EntryPhotoView>()({ access: ALL, input: z.object({ entryId: id }) }),
  'points.entries': op<Page<EntryView>>()({
    access: ALL,
    input: z.object({
      status: z.array(statuses).optional(),
      householdId: id.optional(),
      noticeId: id.optional(),
      offset: z.number().int().min(0).max(10_000_000).default(0),
      limit: z.number().int().min(1).max(5000).default(500),
    }),
  }),
  'points.review': op<ReviewDone>()({
    access: REVIEWERS,
    writes: true,
    input: z.object({ entryIds: z.array(id).min(1).max(2000), decision: z.enum(['approved', 'rejected']), reason: reason.nullable().optional() }),
  }),

  // --- office (issue 15): the monthly evaluation sheet (households × rule items) ---
  'points.evaluationTemplate': op<EvaluationTemplateFile>()({
    access: STAFF_ACCOUNTS,
    input: z.object({ month, format: z.enum(['xlsx', 'csv']).default('xlsx') }),
  }),
  /** Row-by-row checks of a filled sheet; writes nothing. */
  'points.evaluationPreview': op<EvaluationPreview>()({ access: STAFF_ACCOUNTS, input: evaluationFile }),
  /** All or nothing: one batch of entries per rule item, awaiting review; the same file twice records once. */
  'points.importEvaluation': op<EvaluationImported>()({ access: STAFF_ACCOUNTS, writes: true, input: evaluationFile }),

  // Public notice
  'notices.list': op<Page<NoticeSummary>>()({
    access: ALL,
    input: z.object({ offset: z.number().int().min(0).max(10_000_000).default(0), limit: z.number().int().min(1).max(500).default(50) }),
  }),
  'notices.get': op<NoticeView>()({ access: ALL, input: z.object({ noticeId: id }) }),
  'notices.create': op<NoticeView>()({
    access: ADMIN,
    writes: true,
    input: z.object({
      requestId,
      title: printableText(60).optional(),
      periodDays: z.number().int().min(1).max(60).optional(),
      entryIds: z.array(id).min(1).max(5000).optional(),
      hideDeductionNames: z.boolean().optional(),
    }),
  }),
  'notices.object': op<ObjectionView>()({
    access: ADMIN,
    writes: true,
    input: z.object({ entryId: id, raisedBy: label(20), content: freeText(300).pipe(z.string().min(2, '请写明异议内容')) }),
  }),
  'notices.resolve': op<ObjectionResolved>()({
    access: ADMIN,
    writes: true,
    input: z.object({
      objectionId: id,
      outcome: z.enum(['upheld', 'dismissed']),
      reason,
      replacement: z.object({ points, evidence }).nullable().optional(),
    }),
  }),
  /** Posting (入账): after the period, with no open objection; running it again does nothing. */
  'notices.post': op<NoticeView & { postedNow: boolean }>()({ access: REVIEWERS, writes: true, input: z.object({ noticeId: id }) }),

  // Passbooks and clearing
  'passbooks.list': op<PassbookView[]>()({ access: ALL, input: z.object({}) }),
  'passbooks.save': op<PassbookView>()({
    access: ADMIN,
    writes: true,
    input: z.object({
      id: id.optional(),
      code: z
        .string()
        .trim()
        .regex(/^[a-z0-9_-]{1,20}$/, '代码只能用小写字母、数字、下划线和短横线'),
      name: label(20),
      spendable: z.boolean(),
      clearOn: z.string().trim().nullable(),
    }),
  }),
  'clearing.preview': op<ClearingPreview>()({ access: STAFF_ACCOUNTS, input: z.object({ passbookId: id, clearDate: day.optional() }) }),
  'clearing.run': op<ClearingDone>()({ access: ADMIN, writes: true, input: z.object({ passbookId: id, clearDate: day }) }),
  // Clearing in the open (issue 19): the list posted afterwards, the counter's 30-day warning.
  'clearing.list': op<ClearedList>()({ access: STAFF_ACCOUNTS, input: z.object({ passbookId: id, clearDate: day }) }),
  'clearing.soon': op<ClearingSoon[]>()({ access: ALL, input: z.object({ householdId: id }) }),

  // Honours and settings
  'honours.board': op<HonourBoard>()({
    access: ALL,
    passive: true,
    input: z.object({ from: day, to: day, top: z.number().int().min(1).max(50).default(5), groupId: id.optional() }),
  }),
  'points.settings': op<PointsSettings>()({ access: ALL, input: z.object({}) }),
  'points.saveSettings': op<PointsSettings>()({
    access: ADMIN,
    writes: true,
    input: z.object({ noticeDays: z.number().int().min(1).max(60), hideDeductionNames: z.boolean(), tiers: z.array(tier).max(10) }),
  }),
};
