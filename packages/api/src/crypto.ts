import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

export const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex')
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url')

/** Field encryption for sensitive personal data: AES-256-GCM, plus an HMAC for exact lookups. */
export interface FieldCipher {
  encrypt(plain: string): string
  decrypt(sealed: string): string
  /** Keyed hash for equality lookups (e.g. "is this ID number registered?") without storing it readable. */
  lookupHash(value: string): string
}

export function parseDataKey(text: string): Buffer {
  const t = text.trim()
  const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64')
  if (key.length !== 32) throw new Error('CHAYI_DATA_KEY must be 32 bytes, as 64 hex digits or base64')
  return key
}

export function createFieldCipher(dataKey: Buffer): FieldCipher {
  // Separate sub-keys, so the lookup hash never reveals anything about the encryption key.
  const encKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'chayi field encryption v1', 32))
  const macKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'chayi lookup hash v1', 32))
  return {
    encrypt(plain) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', encKey, iv)
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.')
    },
    decrypt(sealed) {
      const [v, iv, tag, ct] = sealed.split('.')
      if (v !== 'v1' || !iv || !tag || ct === undefined) throw new Error('not a sealed value')
      const d = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'))
      d.setAuthTag(Buffer.from(tag, 'base64url'))
      return Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]).toString('utf8')
    },
    lookupHash(value) {
      return createHmac('sha256', macKey).update(value.normalize('NFC')).digest('hex')
    },
  }
}

/**
 * CHAYI_DATA_KEY from the environment; otherwise, outside production, a key generated once into
 * the data folder with mode 0600. Production refuses to start without an explicit key, so a
 * lost or forgotten key file cannot silently make a new, incompatible one.
 */
export function loadDataKey(opts: { envKey?: string | undefined; keyFile: string; production: boolean }): { key: Buffer; source: 'env' | 'file' | 'generated' } {
  if (opts.envKey) return { key: parseDataKey(opts.envKey), source: 'env' }
  if (opts.production) throw new Error('CHAYI_DATA_KEY is required when NODE_ENV=production')
  if (existsSync(opts.keyFile)) return { key: parseDataKey(readFileSync(opts.keyFile, 'utf8')), source: 'file' }
  mkdirSync(dirname(opts.keyFile), { recursive: true })
  const key = randomBytes(32)
  writeFileSync(opts.keyFile, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' })
  chmodSync(opts.keyFile, 0o600)
  return { key, source: 'generated' }
}

// scrypt with N=2^15, r=8 (32 MiB, ~60 ms here): OWASP's floor for scrypt.
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }

function scryptAsync(password: string, salt: Buffer, params: { N: number; r: number; p: number; maxmem: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, 32, params, (err, key) => (err ? reject(err) : resolve(key))),
  )
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await scryptAsync(password, salt, SCRYPT)
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${key.toString('base64url')}`
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, key] = stored.split('$')
  if (alg !== 'scrypt' || !n || !r || !p || !salt || !key) return false
  const expected = Buffer.from(key, 'base64url')
  const got = await scryptAsync(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p), maxmem: SCRYPT.maxmem })
  return got.length === expected.length && timingSafeEqual(got, expected)
}

/** Spent on unknown accounts so that timing does not tell which logins exist. */
let dummyHash: Promise<string> | undefined
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('not a real password')
  await verifyPassword(password, await dummyHash)
}
