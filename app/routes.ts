import { type RouteConfig, index, route } from '@remix-run/route-config'

// Every route is listed here by hand so that URLs stay readable (Dutch, stable, shareable) and the
// access matrix test can check that it covers each one.
export default [
  index('routes/dashboard.tsx'),
  route('login', 'routes/login.tsx'),
  route('logout', 'routes/logout.tsx'),
  route('taal', 'routes/language.tsx'),
  route('wachtwoord-instellen/:token', 'routes/set-password.tsx'),
  route('profiel', 'routes/profile.tsx'),
  route('toegankelijkheid', 'routes/accessibility.tsx'),
  route('healthz', 'routes/healthz.ts'),
  route('netwerken/:network', 'routes/network.tsx'),
  route('netwerken/:network/rollen', 'routes/network-roles.tsx'),
  route('projecten', 'routes/projects/mine.tsx'),
  route('netwerken/:network/projecten', 'routes/projects/list.tsx'),
  route('netwerken/:network/projecten/nieuw', 'routes/projects/new.tsx'),
  route('netwerken/:network/projecten/:project', 'routes/projects/detail.tsx'),
  route('netwerken/:network/projecten/:project/bewerken', 'routes/projects/edit.tsx'),
  route('netwerken/:network/projecten/:project/begroting', 'routes/projects/budget.tsx'),
  route('netwerken/:network/projecten/:project/begroting.csv', 'routes/projects/budget-csv.ts'),
  route('beheer', 'routes/admin/index.tsx'),
  route('beheer/organisaties', 'routes/admin/organisations.tsx'),
  route('beheer/organisaties/nieuw', 'routes/admin/organisation-new.tsx'),
  route('beheer/organisaties/:organisation', 'routes/admin/organisation-edit.tsx'),
  route('beheer/netwerken', 'routes/admin/networks.tsx'),
  route('beheer/netwerken/nieuw', 'routes/admin/network-new.tsx'),
  route('beheer/netwerken/:network', 'routes/admin/network-edit.tsx'),
  route('beheer/accounts', 'routes/admin/accounts.tsx'),
  route('beheer/accounts/nieuw', 'routes/admin/account-new.tsx'),
  route('beheer/accounts/:account', 'routes/admin/account-edit.tsx'),
  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig
