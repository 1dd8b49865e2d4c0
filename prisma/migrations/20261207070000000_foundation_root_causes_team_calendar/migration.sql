-- AlterTable
ALTER TABLE "team" ADD COLUMN     "calendar_id" INTEGER;

-- AlterTable
ALTER TABLE "complaint" ADD COLUMN     "root_cause_id" INTEGER;

-- CreateTable
CREATE TABLE "complaint_root_cause" (
    "id" SERIAL NOT NULL,
    "category_id" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name_zh" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "complaint_root_cause_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "complaint_root_cause_category_id_code_key" ON "complaint_root_cause"("category_id", "code");

-- Default root causes (总结分析, seed 001 §7.3.2) on the top-level categories; a sub-category uses its
-- own list, or its nearest ancestor's when it has none. Admins edit them.
INSERT INTO "complaint_root_cause" ("category_id", "code", "name_zh", "name_en", "sort_order")
SELECT c.id, v.code, v.name_zh, v.name_en, v.sort_order
FROM (VALUES
  ('BILLING', 'TARIFF_MISUNDERSTOOD', '资费理解偏差', 'Tariff misunderstood', 10),
  ('BILLING', 'BILLING_SYSTEM_ERROR', '计费系统差错', 'Billing system error', 20),
  ('BILLING', 'UNCLEAR_NOTICE', '业务告知不清', 'Unclear notice to the customer', 30),
  ('BILLING', 'ROAMING_RATE', '漫游资费', 'Roaming rate', 40),
  ('NETWORK', 'COVERAGE_GAP', '覆盖盲区', 'Coverage gap', 10),
  ('NETWORK', 'EQUIPMENT_FAULT', '设备故障', 'Equipment fault', 20),
  ('NETWORK', 'CAPACITY', '容量不足', 'Capacity shortage', 30),
  ('NETWORK', 'PLANNED_WORK', '计划内施工', 'Planned maintenance', 40),
  ('BROADBAND', 'LINE_FAULT', '线路故障', 'Line fault', 10),
  ('BROADBAND', 'CUSTOMER_EQUIPMENT', '用户终端问题', 'Customer equipment', 20),
  ('BROADBAND', 'INSTALLATION_DELAY', '装维不及时', 'Installation or repair delay', 30),
  ('SERVICE_ATTITUDE', 'STAFF_CONDUCT', '人员服务规范', 'Staff conduct', 10),
  ('SERVICE_ATTITUDE', 'PROCESS_GAP', '流程缺陷', 'Process gap', 20),
  ('SERVICE_ATTITUDE', 'WAIT_TIME', '等待时间过长', 'Long waiting time', 30),
  ('PRODUCT_QUALITY', 'DESIGN_DEFECT', '产品设计缺陷', 'Product design defect', 10),
  ('PRODUCT_QUALITY', 'TERMINAL_DEFECT', '终端质量问题', 'Handset or device defect', 20),
  ('VAS', 'UNAUTHORISED_ORDER', '未经同意订购', 'Ordered without consent', 10),
  ('VAS', 'PARTNER_ISSUE', '合作方问题', 'Partner (SP) issue', 20),
  ('NUMBER_PORTING', 'ELIGIBILITY_RULES', '携转条件限制', 'Eligibility rules', 10),
  ('NUMBER_PORTING', 'PROCESS_DELAY', '办理时限延误', 'Processing delay', 20)
) AS v(category_code, code, name_zh, name_en, sort_order)
JOIN "complaint_category" c ON c.code = v.category_code;

CREATE INDEX "complaint_root_cause_id_idx" ON "complaint" ("root_cause_id") WHERE "root_cause_id" IS NOT NULL;
