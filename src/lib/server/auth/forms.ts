import { z } from 'zod';
import { m } from '$lib/i18n';
import { textField, type FieldLabel } from '../forms';

// Every message is a function, called when a form is parsed: the schemas are built once, at module load,
// and their messages must be in the language of the request that sent the form.

export const passwordMinLength = 10;
export const passwordMaxLength = 200;

const labelText = (label: FieldLabel) => (typeof label === 'function' ? label() : label);

export const newPassword = (field: FieldLabel = () => m.form_password_label()) => {
	const label = () => labelText(field);
	return z
		.string({ error: () => m.form_must_be_text({ label: label() }) })
		.min(passwordMinLength, {
			error: () => m.form_min_length({ label: label(), min: passwordMinLength })
		})
		.max(passwordMaxLength, {
			error: () => m.form_max_length({ label: label(), max: passwordMaxLength })
		});
};

/** The username rule, in the reader's language, as the sign-up and join pages show it. */
export const usernameRule = () => m.form_username_rule();

export const usernameField = () => {
	const label = () => m.form_username_label();
	return z
		.string({ error: () => m.form_must_be_text({ label: label() }) })
		.trim()
		.toLowerCase()
		.min(3, { error: () => m.form_min_length({ label: label(), min: 3 }) })
		.max(30, { error: () => m.form_max_length({ label: label(), max: 30 }) })
		.regex(/^[a-z0-9][a-z0-9._-]*$/, { error: () => m.form_username_characters() });
};

const emailField = () =>
	textField(() => m.form_email_label(), { max: 254 }).pipe(
		z.email({ error: () => m.form_email_invalid() }).transform((email) => email.toLowerCase())
	);

const yourName = () => textField(() => m.form_your_name_label(), { max: 100 });

/** Open sign-up makes a student account: no email needed, as when joining with a class code. */
export const studentSignUpForm = z.object({
	name: yourName(),
	username: usernameField(),
	password: newPassword()
});

/** A teacher or admin account: from an invite, or from /signup when open teacher sign-up is on. */
export const staffAccountForm = z.object({
	name: yourName(),
	email: emailField(),
	password: newPassword()
});

export const inviteForm = z.object({
	role: z.enum(['teacher', 'admin'], { error: () => m.form_invite_role() }),
	note: textField(() => m.form_note_label(), { min: 0, max: 200 })
		.optional()
		.transform((note) => note || null)
});

export const inviteIdForm = z.object({
	inviteId: textField(() => m.form_invite_label(), { max: 40 })
});

export const siteSettingsForm = z.object({
	// an unchecked box sends nothing
	teachersMayInvite: z
		.literal('on', { error: () => m.form_teachers_may_invite() })
		.optional()
		.transform((value) => value === 'on')
});

/** A password typed to prove who you are: any length the form accepts, but not none. */
const typedPassword = (field: () => string) =>
	z
		.string({ error: () => m.form_must_be_text({ label: field() }) })
		.min(1, { error: () => m.form_required({ label: field() }) })
		.max(passwordMaxLength, {
			error: () => m.form_max_length({ label: field(), max: passwordMaxLength })
		});

export const signInForm = z.object({
	login: textField(() => m.form_login_label(), { max: 254 }).transform((login) =>
		login.toLowerCase()
	),
	password: typedPassword(() => m.form_password_label())
});

export const changePasswordForm = z
	.object({
		currentPassword: typedPassword(() => m.form_current_password_label()),
		newPassword: newPassword(() => m.form_new_password_label()),
		confirmPassword: z.string({ error: () => m.form_confirm_new_password() })
	})
	.refine((form) => form.newPassword === form.confirmPassword, {
		path: ['confirmPassword'],
		error: () => m.form_new_passwords_differ()
	});
