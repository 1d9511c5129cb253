/** Roles beyond plain membership. Shared with the browser (forms list them), so not in a .server file. */
export const networkRoles = ['coordinator', 'secretary'] as const
export type NetworkRoleName = (typeof networkRoles)[number]

export function isNetworkRole(value: string): value is NetworkRoleName {
  return (networkRoles as readonly string[]).includes(value)
}
