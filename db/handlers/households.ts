import type { householdsOps } from '../contract/ops/households.js';
import type { OpParsed } from '../contract/index.js';
import {
  addMember,
  createGroup,
  createHousehold,
  householdDetail,
  issueCard,
  listGroups,
  listHouseholds,
  makeHead,
  removeMember,
  setHouseholdStatus,
  transferPoints,
  updateHousehold,
  updateMember,
} from '../households/admin.js';
import { importRoster, previewRoster, rosterTemplateFile } from '../households/roster.js';
import { bytesFromBase64, readGoodsFile } from '../stock/import.js';
import type { SheetRow } from '../platform/spreadsheet/xlsx-read.js';
import type { PreRead } from '../platform/spreadsheet/read-off-thread.js';
import { householdStatement } from '../households/statement.js';
import type { HandlerMap } from './types.js';

type RosterSource = OpParsed<'households.import'>['source'];

/** The stock import's readers are generic (first sheet / CSV in UTF-8 or GBK, with row numbers). */
function rosterRows(source: RosterSource, preRead: PreRead | undefined): SheetRow[] {
  return source.kind === 'file'
    ? readGoodsFile(source.fileName, bytesFromBase64(source.base64), preRead)
    : source.rows.map((cells, i) => ({ rowNo: i + 1, cells }));
}

export const householdsHandlers: HandlerMap<keyof typeof householdsOps> = {
  'households.groups': ({ core }) => listGroups(core),
  'households.createGroup': ({ core, session }, { name }) => createGroup(core, session.operatorId, name),
  'households.list': ({ core }, q) => listHouseholds(core, q),
  'households.detail': ({ core }, { householdId }) => householdDetail(core, householdId),
  'households.create': ({ core, session }, input) => createHousehold(core, session.operatorId, input),
  'households.update': ({ core, session }, input) => updateHousehold(core, session.operatorId, input),
  'households.setStatus': ({ core, session }, { householdId, status, reason }) => setHouseholdStatus(core, session.operatorId, householdId, status, reason),
  'households.addMember': ({ core, session }, { householdId, ...m }) => addMember(core, session.operatorId, householdId, m),
  'households.updateMember': ({ core, session }, input) => updateMember(core, session.operatorId, input),
  'households.removeMember': ({ core, session }, { memberId, reason }) => removeMember(core, session.operatorId, memberId, reason),
  'households.makeHead': ({ core, session }, { memberId, previousHeadRelation }) => makeHead(core, session.operatorId, memberId, previousHeadRelation),
  'households.issueCard': ({ core, session }, { householdId, reason }) => issueCard(core, session.operatorId, householdId, reason),
  'households.transferPoints': ({ core, session }, input) => transferPoints(core, session.operatorId, input),
  'households.template': (_ctx, { format }) => rosterTemplateFile(format),
  'households.importPreview': ({ core, preRead }, { source }) => previewRoster(core, rosterRows(source, preRead)),
  'households.import': ({ core, session, preRead }, { source }) => importRoster(core, session.operatorId, rosterRows(source, preRead)),
  'households.statement': ({ core }, q) => householdStatement(core, q),
};
