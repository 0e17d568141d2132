-- Several API replicas store the same etcd watch stream: DatastoreRevision records, per watched prefix, the etcd
-- revision the DatastoreEntry rows hold, so a replica that is behind skips what another one already stored.
-- Mirrors the DatastoreRevision model in the `--- datastore ---` block of schema.prisma.

-- CreateTable
CREATE TABLE "DatastoreRevision" (
    "source" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "revision" BIGINT NOT NULL,
    "storedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DatastoreRevision_pkey" PRIMARY KEY ("source","prefix")
);
