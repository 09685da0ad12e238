import { openDB } from 'idb'
import { describe, expect, it } from 'vitest'
import { idbDeviceTokenStore } from './credentials.js'

let n = 0

describe('idbDeviceTokenStore', () => {
  it('keeps the token across instances (a reload) until cleared', async () => {
    const name = `device-tokens-${++n}`
    expect(await idbDeviceTokenStore(name).load()).toBeNull()
    await idbDeviceTokenStore(name).save('tok-1')
    expect(await idbDeviceTokenStore(name).load()).toBe('tok-1')
    await idbDeviceTokenStore(name).save('tok-2')
    expect(await idbDeviceTokenStore(name).load()).toBe('tok-2')
    await idbDeviceTokenStore(name).clear()
    expect(await idbDeviceTokenStore(name).load()).toBeNull()
  })

  it('reads and writes the layout idb wrote before (tablets paired earlier stay paired)', async () => {
    const name = `device-tokens-${++n}`
    const before = await openDB(name, 1, { upgrade: (d) => d.createObjectStore('kv') })
    await before.put('kv', 'paired-earlier', 'token')
    before.close()
    const store = idbDeviceTokenStore(name)
    expect(await store.load()).toBe('paired-earlier')
    await store.save('paired-again')
    const after = await openDB(name, 1)
    expect(await after.get('kv', 'token')).toBe('paired-again')
    after.close()
  })
})
