/**
 * Property tests replay: fast-check names the seed of a failing run in its message
 * (`{ seed: 1234, path: "…" }`); `FC_SEED=1234 npm run test:unit` runs every property with
 * that seed again, so a counterexample found on a busy CI machine can be studied at a desk.
 */
import fc from 'fast-check';

const raw = process.env.FC_SEED;
if (raw !== undefined && raw !== '') {
  const seed = Number(raw);
  if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer, got ${raw}`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
}
