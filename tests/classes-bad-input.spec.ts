import { expect, test } from '@playwright/test';
import { createClassWorld, requestAs } from './fixtures/classes';
import { databaseSnapshot } from './fixtures/db';

type World = Awaited<ReturnType<typeof createClassWorld>>;

const megabyte = 'x'.repeat(1024 * 1024);

const cases: {
	name: string;
	path: (w: World) => string;
	form: (w: World) => Record<string, string>;
	status: number;
	message: RegExp;
}[] = [
	{
		name: 'a class with no name',
		path: () => '/classes?/create',
		form: () => ({ name: '   ' }),
		status: 400,
		message: /Class name is required/
	},
	{
		name: 'a 1 MB class name',
		path: () => '/classes?/create',
		form: () => ({ name: megabyte }),
		status: 400,
		message: /at most 100 characters/
	},
	{
		name: 'a rename to a script tag that is too long',
		path: (w) => `/classes/${w.ownClass.id}/settings?/rename`,
		form: () => ({ name: `<script>alert(1)</script>${'y'.repeat(100)}` }),
		status: 400,
		message: /at most 100 characters/
	},
	{
		name: 'forty-one names at once',
		path: (w) => `/classes/${w.ownClass.id}/students?/addStudents`,
		form: () => ({ names: Array.from({ length: 41 }, (_, i) => `Student ${i}`).join('\n') }),
		status: 400,
		message: /40/
	},
	{
		name: 'no names at all',
		path: (w) => `/classes/${w.ownClass.id}/students?/addStudents`,
		form: () => ({ names: '\n\n  \n' }),
		status: 400,
		message: /name/i
	},
	{
		name: 'a password reset for another class’s student',
		path: (w) => `/classes/${w.ownClass.id}/students?/resetPassword`,
		form: (w) => ({ studentId: w.otherStudent.id }),
		status: 404,
		message: /not in this class/
	},
	{
		name: 'removing a student who is not in the class',
		path: (w) => `/classes/${w.ownClass.id}/students?/remove`,
		form: () => ({ studentId: 'no-such-student' }),
		status: 404,
		message: /not in this class/
	},
	{
		name: 'assigning a lesson that does not exist',
		path: (w) => `/classes/${w.ownClass.id}/assignments?/create`,
		form: () => ({ lesson: 'no-such-lesson', behaviour: 'quiz', dueDate: '', dueTime: '' }),
		status: 400,
		message: /lesson/i
	},
	{
		name: 'an impossible due date',
		path: (w) => `/classes/${w.ownClass.id}/assignments?/create`,
		form: () => ({ lesson: 'module', behaviour: 'quiz', dueDate: '2099-02-31', dueTime: '' }),
		status: 400,
		message: /date/i
	},
	{
		name: 'an unknown behaviour',
		path: (w) => `/classes/${w.ownClass.id}/assignments?/create`,
		form: () => ({ lesson: 'module', behaviour: 'exam', dueDate: '', dueTime: '' }),
		status: 400,
		message: /practice or quiz|behave/i
	},
	{
		name: 'deleting another class’s assignment',
		path: (w) => `/classes/${w.ownClass.id}/assignments?/delete`,
		form: () => ({ assignmentId: 'not-an-assignment' }),
		status: 404,
		message: /assignment/i
	},
	{
		name: 'rubric level 7',
		path: (w) => `/classes/${w.ownClass.id}/grading?/grade`,
		form: (w) => ({ responseId: w.writtenResponseId, level: '7', comment: '' }),
		status: 400,
		message: /level/i
	},
	{
		name: 'a 1 MB comment',
		path: (w) => `/classes/${w.ownClass.id}/grading?/grade`,
		form: (w) => ({ responseId: w.writtenResponseId, level: '2', comment: megabyte }),
		status: 400,
		message: /2000/
	},
	{
		name: 'scoring an answer that is not in the class',
		path: (w) => `/classes/${w.ownClass.id}/grading?/grade`,
		form: () => ({ responseId: 'someone-elses', level: '2', comment: '' }),
		status: 404,
		message: /not|no such/i
	},
	{
		name: 'a join code that is too short',
		path: () => '/join',
		form: () => ({
			code: 'KX7',
			name: 'Eve',
			username: 'eve-joins',
			password: 'a long enough password',
			confirmPassword: 'a long enough password'
		}),
		status: 400,
		message: /6 letters and digits/
	},
	{
		name: 'a join code no class has',
		path: () => '/join',
		form: () => ({
			code: 'CCCCCC',
			name: 'Eve',
			username: 'eve-joins',
			password: 'a long enough password',
			confirmPassword: 'a long enough password'
		}),
		status: 404,
		message: /No class has the code/
	}
];

let world: World;
test.beforeAll(async () => {
	world = await createClassWorld();
});

for (const badInput of cases) {
	test(`class forms: ${badInput.name} → ${badInput.status}, nothing changes`, async ({
		baseURL
	}) => {
		const asTeacher = !badInput.path(world).startsWith('/join');
		const context = await requestAs(baseURL!, asTeacher ? world.teacher : null);
		const before = await databaseSnapshot();
		const response = await context.post(badInput.path(world), {
			form: badInput.form(world),
			maxRedirects: 0
		});
		const text = await response.text();
		expect(response.status()).toBe(badInput.status);
		expect(text).toMatch(badInput.message);
		expect(text).not.toContain('<script>alert(1)</script>');
		expect(await databaseSnapshot()).toEqual(before);
		await context.dispose();
	});
}
