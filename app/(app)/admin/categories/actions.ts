"use server";

import { action } from "@/lib/shared/action";
import {
  addRootCause,
  createCategory,
  moveCategory,
  renameRootCause,
  reorderCategory,
  reorderRootCause,
  setCategoryActive,
  setRootCauseActive,
  updateCategoryDetails,
} from "@/lib/complaints/categories";
import {
  categoryActive,
  categoryCreate,
  categoryDetails,
  categoryMove,
  categoryReorder,
  rootCauseActive,
  rootCauseCreate,
  rootCauseRename,
  rootCauseReorder,
} from "@/lib/complaints/category-schemas";

// The category tree editor; each command checks the version, keeps a revision and audits.
const revalidate = ["/admin/categories", "/admin/sla"];

export const createCategoryAction = action(categoryCreate, createCategory, { revalidate });
export const updateCategoryAction = action(categoryDetails, updateCategoryDetails, { revalidate });
export const moveCategoryAction = action(categoryMove, moveCategory, { revalidate });
export const reorderCategoryAction = action(categoryReorder, reorderCategory, { revalidate });
export const setCategoryActiveAction = action(categoryActive, setCategoryActive, { revalidate });
export const addRootCauseAction = action(rootCauseCreate, addRootCause, { revalidate });
export const renameRootCauseAction = action(rootCauseRename, renameRootCause, { revalidate });
export const reorderRootCauseAction = action(rootCauseReorder, reorderRootCause, { revalidate });
export const setRootCauseActiveAction = action(rootCauseActive, setRootCauseActive, { revalidate });
