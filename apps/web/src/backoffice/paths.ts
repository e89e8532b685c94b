export const BO = '/mot-cua';
export const LOGIN = `${BO}/dang-nhap`;
export const CHANGE_PASSWORD = `${BO}/doi-mat-khau`;
export const PROCEDURES = `${BO}/thu-tuc`;
export const NEW_PROCEDURE = `${BO}/them-thu-tuc`;
export const AGENCIES = `${BO}/co-quan`;
export const USERS = `${BO}/nguoi-dung`;
export const CALENDAR = `${BO}/lich-lam-viec`;
export const procedurePath = (code: string) => `${PROCEDURES}/${encodeURIComponent(code)}`;
