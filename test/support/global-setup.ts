// Replaced by the real server launcher below once written.
export default async function setup(): Promise<void> {}
