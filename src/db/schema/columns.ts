/** Column helpers every table uses: time is UTC epoch milliseconds; JSON is text. */
import { integer, text } from 'drizzle-orm/sqlite-core';

export const createdAt = () => integer('created_at').notNull();
export const updatedAt = () => integer('updated_at').notNull();
export const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>();
