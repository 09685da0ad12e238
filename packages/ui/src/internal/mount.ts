// Test helper (not exported from the package): mount with the ui i18n installed.
import { mount, type ComponentMountingOptions } from '@vue/test-utils'
import type { Component } from 'vue'
import { createUiI18n } from '../i18n'
import type { UiLocale } from '../types'

export function mountUi<C extends Component>(
  component: C,
  options: ComponentMountingOptions<C> & { locale?: UiLocale } = {},
) {
  const { locale = 'zh-CN', global = {}, ...rest } = options
  const i18n = createUiI18n(locale)
  return mount(component, {
    ...rest,
    global: { ...global, plugins: [...(global.plugins ?? []), i18n] },
  } as ComponentMountingOptions<C>)
}
