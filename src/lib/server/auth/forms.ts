import { z } from 'zod';
import { textField } from '../forms';

export const passwordMinLength = 10;
export const passwordMaxLength = 200;

export const newPassword = (label: string) =>
	z
		.string({ error: `${label} must be text.` })
		.min(passwordMinLength, `${label} must be at least ${passwordMinLength} characters.`)
		.max(passwordMaxLength, `${label} can be at most ${passwordMaxLength} characters.`);

export const usernameRule =
	'3 to 30 characters: lower-case letters, digits, dots (.), dashes (-) and underscores (_), starting with a letter or a digit.';

export const usernameField = () =>
	z
		.string({ error: 'Username must be text.' })
		.trim()
		.toLowerCase()
		.min(3, 'Username must be at least 3 characters.')
		.max(30, 'Username can be at most 30 characters.')
		.regex(
			/^[a-z0-9][a-z0-9._-]*$/,
			'Username can use only lower-case letters, digits, dots, dashes and underscores, and must start with a letter or a digit.'
		);

const emailField = () =>
	textField('Email', { max: 254 }).pipe(
		z
			.email('Enter an email address like name@school.org.')
			.transform((email) => email.toLowerCase())
	);

/** Open sign-up makes a student account: no email needed, as when joining with a class code. */
export const studentSignUpForm = z.object({
	name: textField('Your name', { max: 100 }),
	username: usernameField(),
	password: newPassword('Password')
});

/** A teacher or admin account: from an invite, or from /signup when open teacher sign-up is on. */
export const staffAccountForm = z.object({
	name: textField('Your name', { max: 100 }),
	email: emailField(),
	password: newPassword('Password')
});

export const inviteForm = z.object({
	role: z.enum(['teacher', 'admin'], {
		error: 'Choose who the invite is for: a teacher or an admin.'
	}),
	note: textField('Note', { min: 0, max: 200 })
		.optional()
		.transform((note) => note || null)
});

export const inviteIdForm = z.object({ inviteId: textField('Invite', { max: 40 }) });

export const siteSettingsForm = z.object({
	// an unchecked box sends nothing
	teachersMayInvite: z
		.literal('on', { error: 'Teachers may invite: tick the box or leave it empty.' })
		.optional()
		.transform((value) => value === 'on')
});

export const signInForm = z.object({
	login: textField('Email or username', { max: 254 }).transform((login) => login.toLowerCase()),
	password: z
		.string({ error: 'Password must be text.' })
		.min(1, 'Password is required.')
		.max(passwordMaxLength, `Password can be at most ${passwordMaxLength} characters.`)
});

export const changePasswordForm = z
	.object({
		currentPassword: z
			.string({ error: 'Current password must be text.' })
			.min(1, 'Current password is required.')
			.max(passwordMaxLength, `Current password can be at most ${passwordMaxLength} characters.`),
		newPassword: newPassword('New password'),
		confirmPassword: z.string({ error: 'Confirm the new password.' })
	})
	.refine((form) => form.newPassword === form.confirmPassword, {
		path: ['confirmPassword'],
		message: 'The two new passwords do not match.'
	});
