/**
 * stats --data DIR [--from D --to D | --month YYYY-MM | --year YYYY] [--json]
 * The statistics page in text (or JSON for a township's scripts). Read-only.
 */
import { EXIT, existingDataDir } from './exit-codes.js';
import { AppError } from '../../db/contract/errors.js';
import { Core } from '../../db/core.js';
import { resolveRange } from '../../db/accounting/exports/ranges.js';
import { computeStats } from '../../db/accounting/stats.js';
import { parse, type Command } from './args.js';

const yuan = (fen: number) => (fen / 100).toFixed(2);

export const statsCommand: Command = {
  name: 'stats',
  usage: 'stats --data DIR [--from DATE --to DATE | --month YYYY-MM | --year YYYY] [--json]',
  summary: '积分统计：按类别和月份的加分、扣分、兑换，未兑换积分及折合金额，热门商品，库存价值，从未兑换的农户。默认为今年。',
  run(argv) {
    const { values } = parse(argv, {
      data: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      month: { type: 'string' },
      year: { type: 'string' },
      json: { type: 'boolean' },
    });
    const core = new Core({ dataDir: existingDataDir(values.data) });
    try {
      let range: { from: string; to: string };
      try {
        const none = !values.from && !values.to && !values.month && !values.year;
        range = resolveRange(none ? { year: core.stamp().businessDate.slice(0, 4) } : values);
      } catch (e) {
        console.error(e instanceof AppError ? e.message : String(e));
        return Promise.resolve(EXIT.CANNOT_RUN);
      }
      const s = computeStats(core.db, range, core.settings().pointValueFen);
      if (values.json) {
        console.log(JSON.stringify(s, null, 2));
        return Promise.resolve(EXIT.DONE);
      }
      console.log(`统计期间 ${s.from} 至 ${s.to}（每积分折合 ${yuan(s.pointValueFen)} 元）`);
      console.log(
        `加分 ${s.earnedByCategory.reduce((a, c) => a + c.points, 0)}，扣分 ${s.deductedByCategory.reduce((a, c) => a + c.points, 0)}，兑换 ${s.redeemed.points}（${s.redeemed.receipts} 张，作废 ${s.redeemed.voidedPoints} 分）`,
      );
      console.log(`未兑换积分 ${s.outstanding.points}，折合 ${yuan(s.outstanding.valueFen)} 元（超市需能兑付）`);
      console.log(`库存 ${s.stock.quantity} 件，价值 ${yuan(s.stock.valueFen)} 元`);
      console.log(`从未兑换的在册农户 ${s.neverRedeemed.count} 户，共 ${s.neverRedeemed.balance} 分可用积分（名单见 export --kind stats）`);
      console.log('\n按类别加分：');
      for (const c of s.earnedByCategory) console.log(`  ${c.category}  ${c.points} 分（${c.count} 笔）`);
      console.log('按月：');
      for (const m of s.byMonth) console.log(`  ${m.month}  加分 ${m.earned}  扣分 ${m.deducted}  兑换 ${m.redeemed}`);
      console.log(`兑换商品（共 ${s.goods.length} 种）：`);
      for (const g of s.goods) console.log(`  ${g.name}  ${g.quantity}${g.unit}  ${g.points} 分`);
      return Promise.resolve(EXIT.DONE);
    } finally {
      core.close();
    }
  },
};
