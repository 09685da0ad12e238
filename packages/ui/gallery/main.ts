import { createApp } from 'vue'
import '../src/styles/tokens.css'
import { createUiI18n } from '../src'
import Gallery from './Gallery.vue'
import { galleryMessages } from './messages'

const i18n = createUiI18n('zh-CN')
i18n.global.mergeLocaleMessage('zh-CN', galleryMessages['zh-CN'])
i18n.global.mergeLocaleMessage('en', galleryMessages.en)

// ?lang=en and ?elderly=1 let screenshots open the page in a given state.
const params = new URLSearchParams(location.search)
if (params.get('lang') === 'en') i18n.global.locale.value = 'en'
if (params.has('elderly')) localStorage.setItem('chayi.elderly', params.get('elderly') === '1' ? 'true' : 'false')

createApp(Gallery).use(i18n).mount('#app')
