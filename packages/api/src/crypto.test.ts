import { mkdtempSync, statSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createFieldCipher, hashPassword, loadDataKey, parseDataKey, verifyPassword } from './crypto.js'

describe('field encryption', () => {
  const cipher = createFieldCipher(randomBytes(32))

  it('round-trips text, Chinese and Tibetan included, with a fresh IV each time', () => {
    for (const s of ['510104199001011234', '张三 残疾证 三级', 'བཀྲ་ཤིས་བདེ་ལེགས', '']) {
      const a = cipher.encrypt(s)
      expect(cipher.decrypt(a)).toBe(s)
      expect(cipher.encrypt(s)).not.toBe(a)
      if (s) expect(a).not.toContain(s)
    }
  })

  it('refuses a tampered or foreign ciphertext', () => {
    const sealed = cipher.encrypt('510104199001011234')
    const parts = sealed.split('.')
    const ct = Buffer.from(parts[3]!, 'base64url')
    ct[0]! ^= 1
    expect(() => cipher.decrypt([parts[0], parts[1], parts[2], ct.toString('base64url')].join('.'))).toThrow()
    expect(() => createFieldCipher(randomBytes(32)).decrypt(sealed)).toThrow()
    expect(() => cipher.decrypt('plain text')).toThrow(/sealed/)
  })

  it('gives a stable keyed lookup hash that differs between keys', () => {
    const other = createFieldCipher(randomBytes(32))
    expect(cipher.lookupHash('510104199001011234')).toBe(cipher.lookupHash('510104199001011234'))
    expect(cipher.lookupHash('510104199001011234')).not.toBe(other.lookupHash('510104199001011234'))
    expect(cipher.lookupHash('510104199001011234')).toMatch(/^[0-9a-f]{64}$/)
  })
})

describe('data key', () => {
  it('generates a key file with mode 0600 once, then reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chayi-key-'))
    const keyFile = join(dir, 'nested', 'data.key')
    const a = loadDataKey({ keyFile, production: false })
    expect(a.source).toBe('generated')
    expect(statSync(keyFile).mode & 0o777).toBe(0o600)
    const b = loadDataKey({ keyFile, production: false })
    expect(b.source).toBe('file')
    expect(b.key.equals(a.key)).toBe(true)
    expect(readFileSync(keyFile, 'utf8').trim()).toHaveLength(64)
  })

  it('refuses to start in production without CHAYI_DATA_KEY', () => {
    const keyFile = join(mkdtempSync(join(tmpdir(), 'chayi-key-')), 'data.key')
    expect(() => loadDataKey({ keyFile, production: true })).toThrow(/CHAYI_DATA_KEY is required/)
    const env = randomBytes(32).toString('base64')
    expect(loadDataKey({ envKey: env, keyFile, production: true }).source).toBe('env')
  })

  it('accepts 32-byte keys as hex or base64 and nothing else', () => {
    expect(parseDataKey('ab'.repeat(32))).toHaveLength(32)
    expect(parseDataKey(randomBytes(32).toString('base64'))).toHaveLength(32)
    expect(() => parseDataKey('short')).toThrow(/32 bytes/)
  })
})

describe('passwords', () => {
  it('hashes with scrypt and a salt, and verifies only the right password', async () => {
    const h = await hashPassword('correct horse 马')
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$/)
    expect(await hashPassword('correct horse 马')).not.toBe(h)
    expect(await verifyPassword('correct horse 马', h)).toBe(true)
    expect(await verifyPassword('correct horse', h)).toBe(false)
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false)
  })
})
