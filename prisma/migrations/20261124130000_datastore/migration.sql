-- Flannel's and Calico's etcd data as the API's watcher saw it (DatastoreEntry, with history like the node tables)
-- and where each watched prefix stands (DatastoreWatch). Mirrors the `--- datastore ---` block of schema.prisma.

-- CreateTable
CREATE TABLE "DatastoreEntry" (
    "id" BIGSERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "modRevision" BIGINT NOT NULL,
    "etcdLease" BIGINT,
    "validFrom" TIMESTAMPTZ(3) NOT NULL,
    "validTo" TIMESTAMPTZ(3),

    CONSTRAINT "DatastoreEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DatastoreEntry_source_prefix_validTo_idx" ON "DatastoreEntry"("source", "prefix", "validTo");

-- CreateIndex
CREATE INDEX "DatastoreEntry_key_validFrom_idx" ON "DatastoreEntry"("key", "validFrom");

-- At most one current row per watched key.
CREATE UNIQUE INDEX "DatastoreEntry_prefix_key_current_key" ON "DatastoreEntry"("source", "prefix", "key") WHERE "validTo" IS NULL;

-- CreateTable
CREATE TABLE "DatastoreWatch" (
    "id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "revision" BIGINT,
    "relists" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "lastChangeAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DatastoreWatch_pkey" PRIMARY KEY ("id")
);
