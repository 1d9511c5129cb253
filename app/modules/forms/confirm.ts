/** True when a destructive action's form carries the second-step confirmation. */
export function isConfirmed(formData: FormData): boolean {
  return formData.get('confirmed') === 'yes'
}
