import { defineConfig } from 'drizzle-kit';

export default defineConfig({
	schema: './src/lib/server/db/schema.ts',
	out: './migrations',
	dialect: 'sqlite',
	dbCredentials: { url: process.env.DATABASE_URL ?? 'data/slant.db' },
	casing: 'snake_case'
});
