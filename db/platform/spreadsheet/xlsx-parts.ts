/**
 * The small fixed parts of an XLSX package (content types, relationships, workbook,
 * styles, document properties). Only the worksheets are streamed; see xlsx.ts.
 */
import type { Column } from './sheet.js';
import { xmlText } from './xml.js';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Number formats by column type; text columns have none. */
export const NUM_FMT: Record<Column['type'], string | undefined> = {
  int: '#,##0;-#,##0;0',
  yuan: '#,##0.00',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm:ss',
  text: undefined,
};

const FIRST_CUSTOM_NUM_FMT = 164;

/**
 * The workbook's cell styles: a data style per number format, the header style (bold,
 * centred, wrapped, light grey, thin bottom border) and a totals style per number format
 * (bold, thin top border). Cells refer to them by index (`s="n"`).
 */
export class StyleBook {
  private readonly formats: string[] = [];

  constructor(columns: Iterable<Column>) {
    for (const c of columns) {
      const f = NUM_FMT[c.type];
      if (f && !this.formats.includes(f)) this.formats.push(f);
    }
  }

  /** Data cells of a column: 0 (General) for text. */
  data(c: Column): number {
    const f = NUM_FMT[c.type];
    return f ? 1 + this.formats.indexOf(f) : 0;
  }

  get header(): number {
    return 1 + this.formats.length;
  }

  total(c: Column): number {
    const f = NUM_FMT[c.type];
    return 2 + this.formats.length + (f ? 1 + this.formats.indexOf(f) : 0);
  }

  xml(): string {
    const numFmts = this.formats.map((f, i) => `<numFmt numFmtId="${FIRST_CUSTOM_NUM_FMT + i}" formatCode="${xmlText(f)}"/>`);
    const fmtId = (i: number | null) => (i === null ? 0 : FIRST_CUSTOM_NUM_FMT + i);
    const plain = (i: number | null) => `<xf numFmtId="${fmtId(i)}" fontId="0" fillId="0" borderId="0" xfId="0"${i === null ? '' : ' applyNumberFormat="1"'}/>`;
    const total = (i: number | null) =>
      `<xf numFmtId="${fmtId(i)}" fontId="1" fillId="0" borderId="2" xfId="0" applyFont="1" applyBorder="1"${i === null ? '' : ' applyNumberFormat="1"'}/>`;
    const header =
      '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1">' +
      '<alignment horizontal="center" vertical="center" wrapText="1"/></xf>';
    const formatIdx = this.formats.map((_, i) => i);
    const xfs = [plain(null), ...formatIdx.map(plain), header, total(null), ...formatIdx.map(total)];
    const font = (bold: boolean) =>
      `<font>${bold ? '<b/>' : ''}<sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>`;
    const border = (side: 'top' | 'bottom' | null) =>
      `<border><left/><right/>${side === 'top' ? '<top style="thin"><color indexed="64"/></top>' : '<top/>'}${side === 'bottom' ? '<bottom style="thin"><color indexed="64"/></bottom>' : '<bottom/>'}<diagonal/></border>`;
    return (
      XML_HEAD +
      `<styleSheet xmlns="${MAIN_NS}">` +
      (numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.join('')}</numFmts>` : '') +
      `<fonts count="2">${font(false)}${font(true)}</fonts>` +
      '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
      '<fill><patternFill patternType="solid"><fgColor rgb="FFF0F0F0"/><bgColor indexed="64"/></patternFill></fill></fills>' +
      `<borders count="3">${border(null)}${border('bottom')}${border('top')}</borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '</styleSheet>'
    );
  }
}

export interface SheetEntry {
  name: string;
  /** The header row's range, e.g. "A1:O1", for the autofilter's hidden defined name. */
  filterRef: string;
}

export const sheetPath = (i: number) => `xl/worksheets/sheet${i + 1}.xml`;

export function contentTypesXml(sheetCount: number): string {
  const sheets = Array.from(
    { length: sheetCount },
    (_, i) => `<Override PartName="/${sheetPath(i)}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  );
  return (
    XML_HEAD +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    sheets.join('') +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
    '</Types>'
  );
}

export function rootRelsXml(): string {
  return (
    XML_HEAD +
    `<Relationships xmlns="${PKG_REL_NS}">` +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>' +
    '</Relationships>'
  );
}

export function workbookXml(sheets: SheetEntry[]): string {
  const list = sheets.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  // Excel keeps an autofilter's range in this hidden name; without it some versions drop the filter.
  const names = sheets
    .map((s, i) => `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${xmlText(absoluteRange(s.name, s.filterRef))}</definedName>`)
    .join('');
  return (
    XML_HEAD +
    `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    '<workbookPr/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="12000" windowHeight="24000"/></bookViews>' +
    `<sheets>${list}</sheets>` +
    (names ? `<definedNames>${names}</definedNames>` : '') +
    '<calcPr calcId="171027"/>' +
    '</workbook>'
  );
}

/** 'Sheet name'!$A$1:$O$1 */
function absoluteRange(sheet: string, ref: string): string {
  const abs = ref.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
  return `'${sheet.replaceAll("'", "''")}'!${abs}`;
}

export function workbookRelsXml(sheetCount: number): string {
  const sheets = Array.from(
    { length: sheetCount },
    (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  return (
    XML_HEAD +
    `<Relationships xmlns="${PKG_REL_NS}">${sheets.join('')}` +
    `<Relationship Id="rId${sheetCount + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>` +
    '</Relationships>'
  );
}

export function corePropsXml(creator: string, created: Date): string {
  const at = created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    XML_HEAD +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:creator>${xmlText(creator)}</dc:creator><cp:lastModifiedBy>${xmlText(creator)}</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${at}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${at}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

export function appPropsXml(): string {
  return (
    XML_HEAD +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    '<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>' +
    '<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion>' +
    '</Properties>'
  );
}
