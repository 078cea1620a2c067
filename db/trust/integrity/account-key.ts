/**
 * An account (household, passbook) as one number, for the maps the verify walks keep:
 * building a text key for each of millions of rows costs more than the rest of the
 * bookkeeping. Ids are positive integers (INTEGER PRIMARY KEY); a value outside the
 * packed range, which only an edit behind the app's back could make, keeps a text key.
 */
export function accountKey(householdId: number, passbookId: number): number | string {
  return householdId >= 0 &&
    householdId < 2_097_152 &&
    passbookId >= 0 &&
    passbookId < 4_294_967_296 &&
    Number.isInteger(householdId) &&
    Number.isInteger(passbookId)
    ? householdId * 4_294_967_296 + passbookId
    : `${householdId}:${passbookId}`;
}
