// One table per file arrives with the storage issue; drizzle-kit reads this folder.
export {};
