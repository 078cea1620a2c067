/**
 * The 12-digit statistical division code (统计用区划代码) of a village: province 2,
 * city 2, county 2, township 3, village 3. Pure, shared by the store and the hub.
 */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

export type DivisionCodeProblem = 'format' | 'province' | 'county' | 'township' | 'village';

/** Why a code is not a village's division code, or null when it is one. */
export function divisionCodeProblem(code: string): DivisionCodeProblem | null {
  if (!/^\d{12}$/.test(code)) return 'format';
  if (!PROVINCES.has(code.slice(0, 2))) return 'province';
  if (code.slice(4, 6) === '00') return 'county';
  if (code.slice(6, 9) === '000') return 'township';
  if (code.slice(9, 12) === '000') return 'village';
  return null;
}

export const DIVISION_CODE_MESSAGES: Record<DivisionCodeProblem, string> = {
  format: '区划代码应为 12 位数字 / a division code is 12 digits',
  province: '区划代码的前两位不是省级代码 / the first two digits are not a province',
  county: '区划代码缺少县级部分（第 5–6 位为 00）/ no county part (digits 5–6 are 00)',
  township: '区划代码缺少乡镇部分（第 7–9 位为 000）/ no township part (digits 7–9 are 000)',
  village: '区划代码是乡镇级，不是村级（末 3 位为 000）/ a township code, not a village code (last 3 digits are 000)',
};
