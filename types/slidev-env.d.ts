// Ambient types that Slidev's client source expects (it ships as .ts, so vue-tsc reads it): its virtual modules,
// its route meta, and the compile-time flags its Vite plugin defines.
/// <reference types="@slidev/types/client" />
/// <reference path="../node_modules/@slidev/client/shim-vue.d.ts" />
/// <reference path="../node_modules/@slidev/client/shim.d.ts" />
declare const __DEV__: boolean
declare const __SLIDEV_FEATURE_BROWSER_EXPORTER__: boolean
declare const __SLIDEV_FEATURE_DRAWINGS_PERSIST__: boolean
declare const __SLIDEV_FEATURE_DRAWINGS__: boolean
declare const __SLIDEV_FEATURE_EDITOR__: boolean
declare const __SLIDEV_FEATURE_PRESENTER__: boolean
declare const __SLIDEV_FEATURE_PRINT__: boolean
declare const __SLIDEV_FEATURE_PWA__: boolean
declare const __SLIDEV_FEATURE_RECORD__: boolean
declare const __SLIDEV_FEATURE_WAKE_LOCK__: boolean
declare const __SLIDEV_HASH_ROUTE__: boolean
declare const __SLIDEV_HAS_SERVER__: boolean
declare const __SLIDEV_MEMORY_ROUTE__: boolean
declare module 'file-saver'
