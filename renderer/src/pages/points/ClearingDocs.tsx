/**
 * Clearing in the open (清零公示): the notice posted before the clearing day (who will lose
 * how much, and how to spend it first) and the list posted after it (what was cleared,
 * what remains). Both are plain A4 documents in Chinese, previewed on screen and printed
 * through PaperDialog.
 */
import type { ClearedList, ClearingPreview } from '../../../../db/contract/index.js';
import { formatPoints } from '../../lib/format.js';
import './paper.css';

export function ClearingNoticeDoc({ preview }: { preview: ClearingPreview }) {
  const today = preview.today;
  return (
    <div className="paper-doc" data-testid="clearing-notice">
      <h1>
        {preview.villageName}“{preview.passbookName}”积分清零公告
      </h1>
      <p>
        按照村规民约和积分管理办法，本村“{preview.passbookName}”可兑换积分每年清零一次。本次清零日为 <b>{preview.clearDate}</b>： 各户在 {preview.clearDate}
        （含当日）以前获得、到清零时仍未兑换的积分将被清零；此后获得的积分不受影响。荣誉积分和星级不受影响。
      </p>
      <p>
        <b>请在 {preview.clearDate} 以前到村积分超市兑换</b>：凭户卡、身份证或报户主姓名即可兑换，家庭成员均可代为兑换。下表为截至 {today}{' '}
        各户预计清零的积分，此后兑换的部分不再清零。
      </p>
      <table>
        <thead>
          <tr>
            <th>村民小组</th>
            <th>户号</th>
            <th>户主</th>
            <th className="num">现有积分</th>
            <th className="num">预计清零</th>
            <th className="num">清零后剩余</th>
          </tr>
        </thead>
        <tbody>
          {preview.households.map((h) => (
            <tr key={h.householdId}>
              <td>{h.groupName}</td>
              <td>{h.number}</td>
              <td>{h.headName}</td>
              <td className="num">{formatPoints(h.balanceNow)}</td>
              <td className="num">{formatPoints(h.toClear)}</td>
              <td className="num">{formatPoints(h.remains)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={4}>合计 {preview.households.length} 户</td>
            <td className="num" data-testid="clearing-notice-total">
              {formatPoints(preview.totalPoints)}
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
      <p className="small">对清零数额有疑问的，请在清零日以前向村委会提出。</p>
      <div className="sign">
        <span>{preview.villageName}村民委员会</span>
        <span>{today}</span>
      </div>
    </div>
  );
}

export function ClearedListDoc({ list }: { list: ClearedList }) {
  return (
    <div className="paper-doc" data-testid="cleared-list">
      <h1>
        {list.villageName}“{list.passbookName}”积分清零结果
      </h1>
      <div className="meta">
        <span>清零日：{list.clearDate}</span>
        <span>执行日：{list.ranOn}</span>
        <span>执行人：{list.runBy}</span>
      </div>
      <table>
        <thead>
          <tr>
            <th>村民小组</th>
            <th>户号</th>
            <th>户主</th>
            <th className="num">清零积分</th>
            <th className="num">剩余积分</th>
          </tr>
        </thead>
        <tbody>
          {list.households.map((h) => (
            <tr key={h.number}>
              <td>{h.groupName}</td>
              <td>{h.number}</td>
              <td>{h.headName}</td>
              <td className="num">{formatPoints(h.cleared)}</td>
              <td className="num">{formatPoints(h.remains)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={3}>合计 {list.households.length} 户</td>
            <td className="num" data-testid="cleared-list-total">
              {formatPoints(list.totalPoints)}
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
      <p className="small">清零日以后获得的积分均未清零。荣誉积分和星级不受影响。</p>
      <div className="sign">
        <span>{list.villageName}村民委员会</span>
        <span>经办人：{list.runBy}</span>
      </div>
    </div>
  );
}
