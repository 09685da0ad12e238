// @chayi/ui — the Chayi design system. Import the tokens once per app: `import '@chayi/ui/tokens.css'`.

export { default as CAppFrame } from './components/CAppFrame.vue'
export { default as CBadge } from './components/CBadge.vue'
export { default as CButton } from './components/CButton.vue'
export { default as CCard } from './components/CCard.vue'
export { default as CChart, type ChartSeries } from './components/CChart.vue'
export { default as CCheckbox } from './components/CCheckbox.vue'
export { default as CDataTable } from './components/CDataTable.vue'
export { default as CDateTime } from './components/CDateTime.vue'
export { default as CDialog } from './components/CDialog.vue'
export { default as CElderlyToggle } from './components/CElderlyToggle.vue'
export { default as CEmpty } from './components/CEmpty.vue'
export { default as CField } from './components/CField.vue'
export { default as CForm } from './components/CForm.vue'
export { default as CIcon } from './components/CIcon.vue'
export { default as CInput } from './components/CInput.vue'
export { default as CLanguageSwitch } from './components/CLanguageSwitch.vue'
export { default as CLink } from './components/CLink.vue'
export { default as CQrCode } from './components/CQrCode.vue'
export { default as CRadioGroup } from './components/CRadioGroup.vue'
export { default as CSelect } from './components/CSelect.vue'
export { default as CSideNav } from './components/CSideNav.vue'
export { default as CSpinner } from './components/CSpinner.vue'
export { default as CStat } from './components/CStat.vue'
export { default as CTabBar } from './components/CTabBar.vue'
export { default as CTabs } from './components/CTabs.vue'
export { default as CToastHost } from './components/CToastHost.vue'
export { default as CTopBar } from './components/CTopBar.vue'

export { useElderlyMode, ELDERLY_STORAGE_KEY, type ElderlyMode } from './composables/useElderlyMode'
export { useToast, type Toast, type ToastApi, type ToastOptions } from './composables/useToast'
export { useQrScanner, type QrScannerProblem } from './composables/useQrScanner'
export { createUiI18n, uiMessages, uiMessageSources, type UiMessages } from './i18n'
export { isoToLocalInput, localInputToIso } from './internal/datetime'
export { fieldForPath } from './internal/form'

export {
  ICON_NAMES,
  UI_LOCALES,
  type AppLayout,
  type FormIssue,
  type IconName,
  type LinkTarget,
  type NavGroup,
  type NavItem,
  type SelectOption,
  type SortDirection,
  type SortState,
  type StatTrend,
  type TabItem,
  type TableColumn,
  type Tone,
  type ToastKind,
  type UiLocale,
} from './types'
