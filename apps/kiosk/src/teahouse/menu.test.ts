import { describe, expect, it } from 'vitest'
import { kioskTest, until } from '../test-kit'

const kit = kioskTest()

describe('menu (leader and admin)', () => {
  it('edits a price, takes a tea off the menu and sets the cup price and daily limit', async () => {
    await kit.start()
    await kit.unlock('李建国')
    expect(kit.$('.kiosk-tile--menu')).not.toBeNull()
    await kit.go('/menu', '.kiosk-menu__table')
    await kit.press('.kiosk-menu__table tr:first-child td:last-child button')
    await kit.type('input[name="price"]', '16')
    await kit.press('.kiosk-menu__side form button[type="submit"]')
    await until(() => expect(kit.world().menu[0]!.priceFen).toBe(1600))

    await kit.press('.kiosk-menu__table tr:nth-child(2) .kiosk-menu__active')
    await until(() => expect(kit.world().menu[1]!.active).toBe(false))

    await kit.type('input[name="cupPrice"]', '6')
    await kit.type('input[name="dailyLimit"]', '2')
    await kit.press('.kiosk-menu__side form:last-child button[type="submit"]')
    await until(() => expect(kit.world().settings).toMatchObject({ cupPriceFen: 600, dailyCupLimit: 2 }))
  })

  it('is not for counter staff', async () => {
    await kit.start()
    await kit.unlock('张明')
    expect(kit.$('.kiosk-tile--menu')).toBeNull()
    await kit.app.router.push('/menu')
    await until(() => expect(kit.app.router.currentRoute.value.name).not.toBe('menu'))
  })
})
