-- History: counter rollups, the maintenance job's watermark, and the indexes of the cluster-wide change feed.
-- Mirrors the `--- history ---` block of schema.prisma.

-- CreateTable
CREATE TABLE "CounterRollup" (
    "nodeId" INTEGER NOT NULL,
    "ifname" TEXT NOT NULL,
    "stepSeconds" INTEGER NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "seconds" DOUBLE PRECISION NOT NULL,
    "rxBytes" BIGINT NOT NULL,
    "rxPackets" BIGINT NOT NULL,
    "rxErrors" BIGINT NOT NULL,
    "rxDropped" BIGINT NOT NULL,
    "txBytes" BIGINT NOT NULL,
    "txPackets" BIGINT NOT NULL,
    "txErrors" BIGINT NOT NULL,
    "txDropped" BIGINT NOT NULL,

    CONSTRAINT "CounterRollup_pkey" PRIMARY KEY ("nodeId", "ifname", "stepSeconds", "bucket")
);

-- CreateIndex
CREATE INDEX "CounterRollup_stepSeconds_bucket_idx" ON "CounterRollup"("stepSeconds", "bucket");

-- AddForeignKey
ALTER TABLE "CounterRollup" ADD CONSTRAINT "CounterRollup_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "CounterRollupWatermark" (
    "stepSeconds" INTEGER NOT NULL,
    "rolledUntil" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CounterRollupWatermark_pkey" PRIMARY KEY ("stepSeconds")
);

-- Change feed, newest first, keyset (at, nodeId, key): one index for opened rows and one, partial, for closed rows
-- (current rows have no validTo and never appear as a close). "key" in byte order so that the keyset comparison
-- matches the index whatever the database collation. The closed-row index also serves the retention delete.
CREATE INDEX "Link_feed_opened_idx" ON "Link"("validFrom", "nodeId", "key" COLLATE "C");
CREATE INDEX "Link_feed_closed_idx" ON "Link"("validTo", "nodeId", "key" COLLATE "C") WHERE "validTo" IS NOT NULL;
CREATE INDEX "Address_feed_opened_idx" ON "Address"("validFrom", "nodeId", "key" COLLATE "C");
CREATE INDEX "Address_feed_closed_idx" ON "Address"("validTo", "nodeId", "key" COLLATE "C") WHERE "validTo" IS NOT NULL;
CREATE INDEX "Route_feed_opened_idx" ON "Route"("validFrom", "nodeId", "key" COLLATE "C");
CREATE INDEX "Route_feed_closed_idx" ON "Route"("validTo", "nodeId", "key" COLLATE "C") WHERE "validTo" IS NOT NULL;
CREATE INDEX "Neighbor_feed_opened_idx" ON "Neighbor"("validFrom", "nodeId", "key" COLLATE "C");
CREATE INDEX "Neighbor_feed_closed_idx" ON "Neighbor"("validTo", "nodeId", "key" COLLATE "C") WHERE "validTo" IS NOT NULL;
CREATE INDEX "FdbEntry_feed_opened_idx" ON "FdbEntry"("validFrom", "nodeId", "key" COLLATE "C");
CREATE INDEX "FdbEntry_feed_closed_idx" ON "FdbEntry"("validTo", "nodeId", "key" COLLATE "C") WHERE "validTo" IS NOT NULL;
CREATE INDEX "BgpSession_feed_opened_idx" ON "BgpSession"("validFrom", "nodeId", "key" COLLATE "C");
CREATE INDEX "BgpSession_feed_closed_idx" ON "BgpSession"("validTo", "nodeId", "key" COLLATE "C") WHERE "validTo" IS NOT NULL;
CREATE INDEX "CniConfig_feed_opened_idx" ON "CniConfig"("validFrom", "nodeId", "key" COLLATE "C");
CREATE INDEX "CniConfig_feed_closed_idx" ON "CniConfig"("validTo", "nodeId", "key" COLLATE "C") WHERE "validTo" IS NOT NULL;
