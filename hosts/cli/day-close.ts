/**
 * day-close --data DIR --date DATE --operator NAME [--pin-env VAR] [--dry-run]
 * The accountant's day close from the command line (a scheduler, or a township's
 * script): the same contract operation as the screen, signed with the operator's PIN.
 * --dry-run only prints the summary and the reconciliation.
 */
import { EXIT, existingDataDir, refused } from './exit-codes.js';
import { Core } from '../../db/core.js';
import type { CatchUpView, DayStatusView } from '../../db/contract/index.js';
import { dispatch } from '../../db/dispatch.js';
import { dayStatus } from '../../db/accounting/day-close/close.js';
import { dayCloseSlip } from '../../db/accounting/day-close/slip.js';
import { describeProblem, scopeText } from '../../db/contract/problems.js';
import { parse, type Command } from './args.js';
import { cliLogin } from './operator-login.js';

function printStatus(s: DayStatusView): void {
  const signed = s.closed ? (s.history.at(-1) ?? null) : null;
  const slip = dayCloseSlip(s.summary, signed);
  console.log(`${slip.title}  ${slip.subtitle ?? ''}`);
  for (const row of slip.rows) {
    if ('separator' in row) console.log('-'.repeat(32));
    else if ('label' in row) console.log(`${row.label}：${row.value}`);
    else console.log(row.text);
  }
  for (const c of s.summary.reconciliation.checks) {
    console.log(`${c.ok ? '✓' : '✗'} ${scopeText(c.checked, 'zh')}`);
    // As `verify` prints them: Chinese for the accountant, then the English line.
    for (const p of c.problems) console.log(`    ${describeProblem(p, 'zh')}\n      ${describeProblem(p, 'en')}`);
  }
  if (slip.footer) console.log(slip.footer);
}

export const dayCloseCommand: Command = {
  name: 'day-close',
  usage: 'day-close --data DIR (--date YYYY-MM-DD | --through YYYY-MM-DD) --operator NAME [--pin-env VAR] [--dry-run]',
  summary:
    '日结：对账并由会计用 PIN 签字（PIN 取自环境变量 STORE_PIN 或 --pin-env 指定的变量，或在终端输入）；--dry-run 只显示汇总与对账结果；--through 依次日结截至该日的每个未日结日。',
  async run(argv) {
    const { values } = parse(argv, {
      data: { type: 'string' },
      date: { type: 'string' },
      through: { type: 'string' },
      operator: { type: 'string' },
      'pin-env': { type: 'string' },
      'dry-run': { type: 'boolean' },
    });
    if (values.through !== undefined) return closeThroughCli(values.data, values.through, values.operator, values['pin-env']);
    if (!values.date || !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) {
      console.error('请用 --date YYYY-MM-DD 指明要日结的日期 / give the business date: --date YYYY-MM-DD');
      return EXIT.CANNOT_RUN;
    }
    const core = new Core({ dataDir: existingDataDir(values.data) });
    try {
      if (values['dry-run']) {
        const s = dayStatus(core, values.date);
        printStatus(s);
        return s.summary.reconciliation.ok ? EXIT.DONE : EXIT.INPUT_ERRORS;
      }
      const login = await cliLogin(core, values.operator, values['pin-env']);
      if (!login) return EXIT.CANNOT_RUN;
      try {
        const res = dispatch(core, login.token, 'dayClose.close', { date: values.date, pin: login.pin });
        if (!res.ok) {
          const s = dayStatus(core, values.date);
          if (!s.summary.reconciliation.ok) printStatus(s);
          return refused(res.error);
        }
        printStatus(res.value as DayStatusView);
        console.log(`已日结 / closed: ${values.date}`);
        return EXIT.DONE;
      } finally {
        login.logout();
      }
    } finally {
      core.close();
    }
  },
};

/** --through DATE: every open day up to DATE, oldest first, each closed with its own summary. */
async function closeThroughCli(data: string | undefined, through: string, operator: string | undefined, pinEnv: string | undefined): Promise<number> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(through)) {
    console.error('请用 --through YYYY-MM-DD 指明截止日期 / give the last date: --through YYYY-MM-DD');
    return EXIT.CANNOT_RUN;
  }
  const core = new Core({ dataDir: existingDataDir(data) });
  try {
    const login = await cliLogin(core, operator, pinEnv);
    if (!login) return EXIT.CANNOT_RUN;
    try {
      const res = dispatch(core, login.token, 'dayClose.closeThrough', { through, pin: login.pin });
      if (!res.ok) {
        return refused(res.error);
      }
      const v = res.value as CatchUpView;
      for (const d of v.closed) console.log(`已日结 / closed: ${d}`);
      console.log(`共日结 ${v.closed.length} 天 / ${v.closed.length} days closed (${v.alreadyClosed} already closed)`);
      return EXIT.DONE;
    } finally {
      login.logout();
    }
  } finally {
    core.close();
  }
}
