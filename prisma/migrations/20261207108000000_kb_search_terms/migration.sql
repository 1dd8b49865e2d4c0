-- Knowledge search (decision 033): the vocabulary typos are corrected to, with a trigram index.
CREATE TABLE "kb_search_term" (
    "term" TEXT NOT NULL,

    CONSTRAINT "kb_search_term_pkey" PRIMARY KEY ("term")
);

-- Hand-written: nearest terms of a mistyped word ("kuandia" → kuandai) by trigram similarity.
CREATE INDEX "kb_search_term_trgm_idx" ON "kb_search_term" USING GIN ("term" gin_trgm_ops);
