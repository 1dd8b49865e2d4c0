-- Knowledge search (decision 033): the vocabulary typos are corrected to, with a trigram index.
CREATE TABLE "kb_search_term" (
    "term" TEXT NOT NULL,

    CONSTRAINT "kb_search_term_pkey" PRIMARY KEY ("term")
);

-- Hand-written: nearest terms of a mistyped word ("kuandia" → kuandai) by trigram similarity.
CREATE INDEX "kb_search_term_trgm_idx" ON "kb_search_term" USING GIN ("term" gin_trgm_ops);

-- The title and tags alone (weights A, B): broad queries rank title matches from this small vector
-- first and read the whole article's only when titles give too few (lib/knowledge/search-queries.ts).
ALTER TABLE "kb_article" ADD COLUMN "search_title" tsvector;
CREATE INDEX "kb_article_search_title_idx" ON "kb_article" USING GIN ("search_title");
