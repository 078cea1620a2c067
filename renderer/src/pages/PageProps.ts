/** Every page in the shell gets this. Pages stay mounted when hidden (a half-built cart
 *  survives a look at the receipts), so `active` tells them when they own the keyboard. */
export interface PageProps {
  active: boolean;
}
