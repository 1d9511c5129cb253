import { checkDatabase } from '~/modules/db/health.server'

export async function loader() {
  const ok = await checkDatabase()
  return new Response(JSON.stringify({ status: ok ? 'ok' : 'unavailable' }), {
    status: ok ? 200 : 503,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
  })
}
