/**
 * The paper documents of the points system, in Chinese (they are posted in the village):
 * the public notice (公示), the rule book (积分细则), the household statement (积分明细单)
 * and the honour board (红榜). Each is plain markup that previews on screen and prints on A4.
 */
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Modal } from 'antd';
import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { usePrintWith } from '../../components/PrintArea.js';
import type { HonourBoard, HouseholdStatement, NoticeView, RuleBookView } from '../../../../db/contract/index.js';
import { usePointsT } from '../../i18n/points.js';
import './paper.css';
import { formatPoints } from '../../lib/format.js';

/**
 * Prints one document on A4: mounts it in a <section class="paper-print"> beside #root,
 * opens the print dialog, and unmounts it. A <section>, not a <div>, so that print rules
 * written elsewhere for `body > div` cannot blank it; paper.css hides everything else.
 */
const inPaperPrint = (doc: ReactNode) =>
  createPortal(
    <section className="paper-print" data-testid="paper-print-area">
      {doc}
    </section>,
    document.body,
  );

function usePaperPrint(): { print: (doc: ReactNode) => void; printNode: ReactNode } {
  const { print, printArea } = usePrintWith(inPaperPrint);
  return { print, printNode: printArea };
}

const signed = (n: number) => (n > 0 ? `+${formatPoints(n)}` : formatPoints(n));

/** A preview of one document with a print button. */
export function PaperDialog({ title, onClose, children, width = 900 }: { title: string; onClose: () => void; children: ReactNode; width?: number }) {
  const t = usePointsT();
  const { print, printNode } = usePaperPrint();
  return (
    <Modal
      open
      width={width}
      title={title}
      onCancel={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('common.close')}</Button>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => print(children)} data-testid="paper-print">
            {t('common.printA4')}
          </Button>
        </>
      }
    >
      <div style={{ maxHeight: '65vh', overflowY: 'auto', border: '1px solid #eee', padding: 16, background: '#fff' }} data-testid="paper-preview">
        {children}
      </div>
      {printNode}
    </Modal>
  );
}

export function NoticeDoc({ notice }: { notice: NoticeView }) {
  const entries = notice.groups.flatMap((g) => g.entries.filter((e) => e.status !== 'cancelled').map((e) => ({ g: g.groupName, e })));
  return (
    <div className="paper-doc">
      <h1>
        {notice.villageName} {notice.title}
      </h1>
      <div className="meta">
        <span>
          公示期：{notice.periodStart} 至 {notice.periodEnd}
        </span>
        <span>
          共 {notice.entries} 条，加分 {formatPoints(notice.awardPoints)} 分，扣分 {formatPoints(notice.deductionPoints)} 分
        </span>
      </div>
      <p className="small">
        以下积分经登记、审核，现予公示。如有异议，请于公示期内向村委会提出（书面或口头均可），村委会将核实并答复。公示期满无异议或异议已处理的，计入农户积分。
      </p>
      {notice.groups.map((g) => (
        <section key={g.groupName}>
          <h2>{g.groupName}</h2>
          <table>
            <thead>
              <tr>
                <th>户号</th>
                <th>户主</th>
                <th>事项（积分细则）</th>
                <th>事实依据</th>
                <th className="num">积分</th>
              </tr>
            </thead>
            <tbody>
              {g.entries
                .filter((e) => e.status !== 'cancelled')
                .map((e) => {
                  const hidden = notice.hideDeductionNames && e.direction === 'deduction';
                  return (
                    <tr key={e.id}>
                      <td>{hidden ? '—' : e.householdNumber}</td>
                      <td>{hidden ? '（不公布姓名）' : e.headName}</td>
                      <td>
                        【{e.ruleCode}】{e.ruleTitle}
                      </td>
                      <td>{e.evidence}</td>
                      <td className={`num ${e.direction === 'award' ? 'plus' : 'minus'}`}>
                        {e.direction === 'award' ? `+${formatPoints(e.points)}` : `−${formatPoints(e.points)}`}
                      </td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
        </section>
      ))}
      {entries.length === 0 && <p>（本期没有记录）</p>}
      <div className="sign">
        <span>村民委员会（盖章）</span>
        <span>发布日期：{notice.periodStart}</span>
      </div>
    </div>
  );
}

export function RuleBookDoc({ book, villageName }: { book: RuleBookView; villageName: string }) {
  const categories = [...new Set(book.items.map((i) => i.category))];
  return (
    <div className="paper-doc">
      <h1>
        {villageName} {book.title}
      </h1>
      <div className="meta">
        <span>第 {book.version} 版</span>
        {book.adoption ? (
          <span>
            {book.adoption.meetingDate} {book.adoption.meetingBody}通过，自 {book.adoption.effectiveFrom} 起施行
          </span>
        ) : (
          <span>（草稿，尚未表决）</span>
        )}
      </div>
      {categories.map((c) => (
        <section key={c}>
          <h2>{c}</h2>
          <table>
            <thead>
              <tr>
                <th>编号</th>
                <th>事项</th>
                <th>标准</th>
                <th className="num">分值</th>
                <th>上限</th>
                <th>申报</th>
              </tr>
            </thead>
            <tbody>
              {book.items
                .filter((i) => i.category === c)
                .map((i) => (
                  <tr key={i.id}>
                    <td>{i.code}</td>
                    <td>{i.title}</td>
                    <td>{i.description}</td>
                    <td className={`num ${i.direction === 'award' ? 'plus' : 'minus'}`}>
                      {i.direction === 'award' ? '加' : '扣'}{' '}
                      {i.minPoints === i.maxPoints ? formatPoints(i.minPoints) : `${formatPoints(i.minPoints)}–${formatPoints(i.maxPoints)}`}
                    </td>
                    <td>{i.capPeriod ? `每${i.capPeriod === 'month' ? '月' : '年'} ${formatPoints(i.capPoints ?? 0)} 分` : '—'}</td>
                    <td>{i.selfClaim ? '可自行申报' : '村委会评定'}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      ))}
      {book.adoption && (
        <p className="small">
          表决情况：{book.adoption.resolution}
          {book.adoption.votesFor !== null &&
            `（赞成 ${book.adoption.votesFor}，反对 ${book.adoption.votesAgainst ?? 0}，弃权 ${book.adoption.votesAbstain ?? 0}）`}
        </p>
      )}
    </div>
  );
}

export function StatementDoc({ st }: { st: HouseholdStatement }) {
  return (
    <div className="paper-doc">
      <h1>{st.villageName} 积分明细单</h1>
      <div className="meta">
        <span>
          户号 {st.household.number}&emsp;户主 {st.household.headName}&emsp;{st.household.groupName}
        </span>
        <span>打印时间 {st.printedAt}</span>
      </div>
      <p className="small">家庭成员：{st.household.members.join('、')}</p>
      {st.passbooks.map((p) => (
        <section key={p.passbookId}>
          <h2>
            {p.passbookName}：期初 {formatPoints(p.openingBalance)} 分，现余额 {formatPoints(p.closingBalance)} 分，累计获得 {formatPoints(p.honourTotal)} 分
          </h2>
          <table>
            <thead>
              <tr>
                <th>日期</th>
                <th>类别</th>
                <th>内容</th>
                <th className="num">积分</th>
                <th className="num">余额</th>
                <th>经办 / 审核</th>
              </tr>
            </thead>
            <tbody>
              {p.lines.map((l) => (
                <tr key={l.ledgerId}>
                  <td>{l.businessDate}</td>
                  <td>{l.kind}</td>
                  <td>
                    {l.description}
                    {l.ruleText && <div className="small">{l.ruleText}</div>}
                    {l.noticeTitle && <div className="small">经公示：{l.noticeTitle}</div>}
                    {l.undeducted > 0 && <div className="small">余额不足，{l.undeducted} 分未扣（不计欠分）</div>}
                  </td>
                  <td className={`num ${l.amount > 0 ? 'plus' : 'minus'}`}>{signed(l.amount)}</td>
                  <td className="num">{formatPoints(l.balanceAfter)}</td>
                  <td>
                    {l.operatorName}
                    {l.reviewedByName && ` / ${l.reviewedByName}`}
                  </td>
                </tr>
              ))}
              {p.lines.length === 0 && (
                <tr>
                  <td colSpan={6}>（无记录）</td>
                </tr>
              )}
            </tbody>
          </table>
        </section>
      ))}
      <div className="sign">
        <span>经办人：</span>
        <span>农户签字：</span>
      </div>
    </div>
  );
}

export function HonourDoc({ board }: { board: HonourBoard }) {
  return (
    <div className="paper-doc">
      <h1>{board.villageName} 积分红榜</h1>
      <div className="meta">
        <span>
          {board.from} 至 {board.to}
        </span>
      </div>
      <table>
        <thead>
          <tr>
            <th>村民小组</th>
            <th>名次</th>
            <th>户主</th>
            <th className="num">本期积分</th>
            <th>星级</th>
          </tr>
        </thead>
        <tbody>
          {board.groups.flatMap((g) =>
            g.top.map((r, i) => (
              <tr key={`${g.groupName}-${r.householdId}`}>
                <td>{i === 0 ? g.groupName : ''}</td>
                <td>{i + 1}</td>
                <td>{r.headName}</td>
                <td className="num">{formatPoints(r.points)}</td>
                <td>{'★'.repeat(r.stars)}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
      <h2>星级文明户</h2>
      {board.stars
        .filter((s) => s.households.length > 0)
        .map((s) => (
          <p key={s.tier.stars}>
            <b>
              {'★'.repeat(s.tier.stars)} {s.tier.name}（{s.count} 户）：
            </b>
            {s.households.map((h) => h.headName).join('、')}
            {s.count > s.households.length && ` 等，共 ${s.count} 户`}
          </p>
        ))}
      {board.deductions.length > 0 && (
        <>
          <h2>扣分公告（不公布姓名）</h2>
          <p>
            本期扣分共 {board.deductionTotals.count} 条，合计 −{formatPoints(board.deductionTotals.points)} 分
            {board.deductionTotals.count > board.deductions.length && `（下表为最近 ${board.deductions.length} 条）`}
          </p>
          <table>
            <thead>
              <tr>
                <th>日期</th>
                <th>村民小组</th>
                <th>事项</th>
                <th className="num">扣分</th>
              </tr>
            </thead>
            <tbody>
              {board.deductions.map((d, i) => (
                <tr key={i}>
                  <td>{d.date}</td>
                  <td>{d.groupName}</td>
                  <td>{d.ruleTitle}</td>
                  <td className="num">−{formatPoints(d.points)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td colSpan={3}>合计（本期全部 {board.deductionTotals.count} 条）</td>
                <td className="num">−{formatPoints(board.deductionTotals.points)}</td>
              </tr>
            </tfoot>
          </table>
        </>
      )}
    </div>
  );
}
