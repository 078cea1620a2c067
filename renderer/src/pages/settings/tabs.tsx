/**
 * The tabs of 设置. To add one: a component taking `{ active }` (true while it is shown and
 * the counter is unlocked) and a label component (so it can use its area's dictionary).
 */
import type { ComponentType } from 'react';
import { usePrintT } from '../../i18n/printing.js';
import { AuditTab } from '../admin/AuditTab.js';
import { BackupTab } from '../admin/BackupTab.js';
import { GeneralSettingsTab } from '../admin/GeneralSettingsTab.js';
import { IntegrityTab } from '../admin/IntegrityTab.js';
import { OperatorsTab } from '../admin/OperatorsTab.js';
import { TrustTabLabel } from '../admin/TrustTabLabel.js';
import { CategoryOrderLabel, CategoryOrderTab } from '../counter/CategoryOrderTab.js';
import { CardSheetTab } from '../printing/CardSheetTab.js';
import { PrinterSettingsTab } from '../printing/PrinterSettingsTab.js';
import { ReaderSettingsTab } from '../../hardware/ReaderSettingsTab.js';
import { useHardwareT } from '../../i18n/hardware.js';
import { useReportingT } from '../../i18n/reporting.js';
import { HubTab } from './HubTab.js';

export interface SettingsTab {
  key: string;
  Label: ComponentType;
  Tab: ComponentType<{ active: boolean }>;
}

function PrinterLabel() {
  return <>{usePrintT()('settings.tabPrinter')}</>;
}
function ReaderLabel() {
  return <>{useHardwareT()('reader.tab')}</>;
}
function CardsLabel() {
  return <>{usePrintT()('settings.tabCards')}</>;
}
function HubLabel() {
  return <>{useReportingT()('hub.tab')}</>;
}

export const SETTINGS_TABS: readonly SettingsTab[] = [
  { key: 'general', Label: TrustTabLabel.general, Tab: GeneralSettingsTab },
  { key: 'operators', Label: TrustTabLabel.operators, Tab: OperatorsTab },
  { key: 'printer', Label: PrinterLabel, Tab: PrinterSettingsTab },
  { key: 'cards', Label: CardsLabel, Tab: CardSheetTab },
  { key: 'categories', Label: CategoryOrderLabel, Tab: CategoryOrderTab },
  { key: 'reader', Label: ReaderLabel, Tab: ReaderSettingsTab },
  { key: 'backup', Label: TrustTabLabel.backup, Tab: BackupTab },
  { key: 'integrity', Label: TrustTabLabel.integrity, Tab: IntegrityTab },
  { key: 'audit', Label: TrustTabLabel.audit, Tab: AuditTab },
  { key: 'hub', Label: HubLabel, Tab: HubTab },
];
