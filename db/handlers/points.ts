import type { pointsOps } from '../contract/ops/points.js';
import { evaluationTemplate, importEvaluation, previewEvaluation, readEvaluationFile } from '../points/evaluation.js';
import { recordEntries } from '../points/entries-record.js';
import { entryPhoto } from '../points/entry-photos.js';
import { reviewEntries } from '../points/entries-review.js';
import { listEntries } from '../points/entries-view.js';
import { honourBoard } from '../points/honours.js';
import { createNotice, listNotices, noticeView, postNotice, recordObjection, resolveObjection } from '../points/notices.js';
import { listPassbooks, previewClearing, runClearing, savePassbook } from '../points/passbooks-clearing.js';
import { clearedList, clearingSoon } from '../points/clearing-public.js';
import { pointsSettings, savePointsSettings } from '../points/settings.js';
import { adoptBook, bookInForce, createDraft, getBook, listBooks, removeItem, saveItem } from '../points/rules-book.js';
import type { HandlerMap } from './types.js';

export const pointsHandlers: HandlerMap<keyof typeof pointsOps> = {
  'rules.books': ({ core }) => listBooks(core),
  'rules.book': ({ core }, { bookId }) => getBook(core, bookId),
  'rules.inForce': ({ core }, { date }) => bookInForce(core, date),
  'rules.createDraft': ({ core, session }, { title, basedOnId }) => createDraft(core, session.operatorId, title, basedOnId),
  'rules.saveItem': ({ core, session }, input) => saveItem(core, session.operatorId, input),
  'rules.removeItem': ({ core, session }, { itemId }) => removeItem(core, session.operatorId, itemId),
  'rules.adopt': ({ core, session }, input) => adoptBook(core, session.operatorId, input),
  // A keeper at the counter takes down a villager's own claim; only self-claimable items.
  'points.record': ({ core, session }, input) => recordEntries(core, session.operatorId, input, session.role === 'keeper' ? 'claim' : 'recorded'),
  'points.entryPhoto': ({ core }, { entryId }) => entryPhoto(core, entryId),
  'points.entries': ({ core }, q) => listEntries(core, q),
  'points.review': ({ core, session }, input) => reviewEntries(core, session.operatorId, input),
  'notices.list': ({ core }, { offset, limit }) => listNotices(core, offset, limit),
  'notices.get': ({ core }, { noticeId }) => noticeView(core, noticeId),
  'notices.create': ({ core, session }, input) => createNotice(core, session.operatorId, input),
  'notices.object': ({ core, session }, input) => recordObjection(core, session.operatorId, input),
  'notices.resolve': ({ core, session }, input) => resolveObjection(core, session.operatorId, input),
  'notices.post': ({ core, session }, { noticeId }) => postNotice(core, session.operatorId, noticeId),
  'passbooks.list': ({ core }) => listPassbooks(core),
  'passbooks.save': ({ core, session }, input) => savePassbook(core, session.operatorId, { ...input, clearOn: input.clearOn || null }),
  'clearing.preview': ({ core }, { passbookId, clearDate }) => previewClearing(core, passbookId, clearDate),
  'clearing.run': ({ core, session }, { passbookId, clearDate }) => runClearing(core, session.operatorId, passbookId, clearDate),
  'clearing.list': ({ core }, { passbookId, clearDate }) => clearedList(core, passbookId, clearDate),
  'clearing.soon': ({ core }, { householdId }) => clearingSoon(core, householdId),
  'honours.board': ({ core }, q) => honourBoard(core, q),
  'points.settings': ({ core }) => pointsSettings(core),
  'points.saveSettings': ({ core, session }, input) => savePointsSettings(core, session.operatorId, input),
  // --- office (issue 15) ---
  'points.evaluationTemplate': ({ core }, { month, format }) => {
    const t = evaluationTemplate(core, month, format);
    return {
      fileName: t.fileName,
      mimeType: format === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      base64: t.bytes.toString('base64'),
    };
  },
  'points.evaluationPreview': ({ core }, { month, fileName, base64 }) => {
    const bytes = Buffer.from(base64, 'base64');
    return previewEvaluation(core, month, bytes, readEvaluationFile(fileName, bytes));
  },
  'points.importEvaluation': ({ core, session }, { month, fileName, base64 }) => {
    const bytes = Buffer.from(base64, 'base64');
    return importEvaluation(core, session.operatorId, month, bytes, readEvaluationFile(fileName, bytes));
  },
};
