/** The rolled-up range reads now live below admin and review alike: src/db/range-queries.ts. */
export * from '../../db/range-queries';
