import type { IconName } from '../types'

// 24×24 stroke icons drawn for Chayi (round caps, 2px stroke, currentColor).
const circle = (cx: number, cy: number, r: number) =>
  `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`
const rect = (x: number, y: number, w: number, h: number, r = 0) =>
  r === 0
    ? `M${x} ${y}h${w}v${h}h${-w}z`
    : `M${x + r} ${y}h${w - 2 * r}a${r} ${r} 0 0 1 ${r} ${r}v${h - 2 * r}a${r} ${r} 0 0 1 ${-r} ${r}` +
      `h${-(w - 2 * r)}a${r} ${r} 0 0 1 ${-r} ${-r}v${-(h - 2 * r)}a${r} ${r} 0 0 1 ${r} ${-r}z`

export const ICON_PATHS: Record<IconName, string> = {
  home: 'M3 10.5 12 3l9 7.5M5 9.5V20h5v-6h4v6h5V9.5',
  user: `${circle(12, 8, 4)}M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7`,
  calendar: `${rect(3, 5, 18, 16, 2)}M3 10h18M8 3v4M16 3v4`,
  qr: `${rect(3, 3, 7, 7, 1)}${rect(14, 3, 7, 7, 1)}${rect(3, 14, 7, 7, 1)}M6.5 6.5h.01M17.5 6.5h.01M6.5 17.5h.01` +
    'M14 14h3v3h-3zM20.5 14v.01M14 20.5h.01M17 17.5h4V21h-4',
  cup: 'M4 9h13v4a6 6 0 0 1-6 6h-1a6 6 0 0 1-6-6zM17 10h1.5a2.5 2.5 0 0 1 0 5H17M8 3c-.8 1 .8 2 0 3' +
    'M12 3c-.8 1 .8 2 0 3M3 21.5h16',
  box: 'M3 7.5 12 3l9 4.5v9L12 21l-9-4.5zM3 7.5l9 4.5 9-4.5M12 12v9',
  fund: `${circle(12, 12, 9)}M9 7.5l3 4 3-4M8.5 12h7M8.5 15h7M12 11.5v5.5`,
  heart: 'M12 20s-7-4.5-9-9a4.7 4.7 0 0 1 9-2.7A4.7 4.7 0 0 1 21 11c-2 4.5-9 9-9 9z',
  map: `M12 21s-7-6.2-7-11.5a7 7 0 0 1 14 0C19 14.8 12 21 12 21z${circle(12, 9.5, 2.5)}`,
  settings: `M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12M20 18h.01${circle(16, 6, 2)}${circle(10, 12, 2)}${circle(18, 18, 2)}`,
  check: 'M5 12.5l4.5 4.5L19 7',
  x: 'M6 6l12 12M18 6 6 18',
  alert: 'M10.3 4.2 2.5 18a2 2 0 0 0 1.7 3h15.6a2 2 0 0 0 1.7-3L13.7 4.2a2 2 0 0 0-3.4 0zM12 9v5M12 17.5v.01',
  info: `${circle(12, 12, 9)}M12 11v6M12 7.5v.01`,
  'chevron-left': 'M15 5l-7 7 7 7',
  'chevron-right': 'M9 5l7 7-7 7',
  plus: 'M12 5v14M5 12h14',
  search: `${circle(11, 11, 7)}M16.5 16.5 21 21`,
  logout: 'M9 20H6a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2h3M16 16l4-4-4-4M20 12H10',
  'wifi-off': 'M3 3l18 18M8.5 16.4a5 5 0 0 1 7 0M5 12.9a10 10 0 0 1 5-2.7M19 12.9a10 10 0 0 0-2.6-1.7' +
    'M2 8.8a15 15 0 0 1 4.3-2.7M22 8.8a15 15 0 0 0-11.4-3.7M12 20h.01',
  clock: `${circle(12, 12, 9)}M12 7v5l3 2`,
  star: 'M12 3l2.8 5.7 6.2.9-4.5 4.4 1.1 6.2L12 17.3l-5.6 2.9 1.1-6.2L3 9.6l6.2-.9z',
  list: 'M9 6h11M9 12h11M9 18h11M4.5 6h.01M4.5 12h.01M4.5 18h.01',
  chart: 'M4 20h16M7 16v-5M12 16V7M17 16V9',
}
