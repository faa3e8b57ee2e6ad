//! Opening connections, with libvirt's authentication callback bridged to
//! a Perl sub.

use std::ffi::{CStr, CString};
use std::os::raw::{c_int, c_uint, c_void};

use crate::bridge::{croak, Arg, Code, Hash, Owned, OwnedSv, Result, Scope, Value, Want};
use crate::libvirt::kinds::Connect;
use crate::libvirt::ret;

const SUB_NAME: &str = "Sys::Virt::_open_auth";

/// Credential types asked for when the caller gives a callback but no list.
const ALL_CREDENTIAL_TYPES: &[c_int] = &[
    virt_sys::VIR_CRED_USERNAME as c_int,
    virt_sys::VIR_CRED_AUTHNAME as c_int,
    virt_sys::VIR_CRED_LANGUAGE as c_int,
    virt_sys::VIR_CRED_CNONCE as c_int,
    virt_sys::VIR_CRED_PASSPHRASE as c_int,
    virt_sys::VIR_CRED_ECHOPROMPT as c_int,
    virt_sys::VIR_CRED_NOECHOPROMPT as c_int,
    virt_sys::VIR_CRED_REALM as c_int,
    virt_sys::VIR_CRED_EXTERNAL as c_int,
];

/// How to answer libvirt's questions while opening.
pub enum Auth<'a> {
    /// No authentication (`_open`).
    None,
    /// libvirt's own console prompts.
    Default,
    /// A Perl sub that fills in the credentials.
    Callback { types: Vec<c_int>, callback: Code<'a> },
}

impl<'a> Auth<'a> {
    /// From `_open_auth`'s credlist (array of CRED_* types) and callback.
    pub fn from_args(credlist: Option<Arg<'a>>, callback: Option<Code<'a>>) -> Result<Self> {
        let Some(callback) = callback else { return Ok(Auth::Default) };
        let types = match credlist {
            Some(list) if list.is_defined()? => list
                .array_items()?
                .iter()
                .map(|item| Ok(item.integer_in(0, c_int::MAX as i128)?.unwrap_or(0) as c_int))
                .collect::<Result<Vec<_>>>()?,
            _ => ALL_CREDENTIAL_TYPES.to_vec(),
        };
        Ok(Auth::Callback { types, callback })
    }
}

/// What the C callback needs: the Perl sub, and the scope that keeps its
/// failure until libvirt has returned.
struct CallbackState<'a> {
    callback: Code<'a>,
    scope: Scope,
}

/// Opens `uri` (None or "" for libvirt's default) with virConnectOpenAuth's flags.
pub fn open(uri: Option<&str>, flags: u32, auth: Auth) -> Result<Owned<Connect>> {
    let uri = uri.map(|u| CString::new(u).expect("the bridge refuses strings with NUL"));
    let uri_ptr = uri.as_ref().map_or(std::ptr::null(), |u| u.as_ptr());
    match auth {
        // SAFETY: a NULL auth is allowed; a returned connection carries a reference.
        Auth::None => unsafe { ret::object(virt_sys::virConnectOpenAuth(uri_ptr, std::ptr::null_mut(), flags)) },
        // SAFETY: as above, with libvirt's own prompts.
        Auth::Default => unsafe { ret::object(virt_sys::virConnectOpenAuth(uri_ptr, virt_sys::virConnectAuthPtrDefault, flags)) },
        Auth::Callback { mut types, callback } => {
            let state = CallbackState { callback, scope: Scope::new(SUB_NAME) };
            let mut auth = virt_sys::virConnectAuth {
                credtype: types.as_mut_ptr(),
                ncredtype: types.len() as c_uint,
                cb: Some(ask_perl),
                cbdata: &state as *const CallbackState as *mut c_void,
            };
            // SAFETY: `auth`, `types` and `state` outlive the call, which is
            // synchronous; a connection returned despite a failed callback
            // is released with the result.
            let con = unsafe { ret::object(virt_sys::virConnectOpenAuth(uri_ptr, &mut auth, flags)) };
            state.scope.finish(con)
        }
    }
}

/// libvirt's authentication callback: hands the credentials to the Perl
/// sub as `[{type, prompt, challenge, result}, ...]` and copies back each
/// `result` it set. Returns 0 on success, -1 to make the open fail.
unsafe extern "C" fn ask_perl(creds: virt_sys::virConnectCredentialPtr, ncred: c_uint, cbdata: *mut c_void) -> c_int {
    // SAFETY: cbdata is the CallbackState that `open` lent to this call.
    let state = &*(cbdata as *const CallbackState);
    state.scope.guard(-1, || {
        // SAFETY: libvirt passes ncred credentials that are ours to fill.
        let creds = std::slice::from_raw_parts_mut(creds, ncred as usize);
        fill_credentials(&state.callback, creds)
    })
}

fn c_text(p: *const std::os::raw::c_char) -> Option<String> {
    // SAFETY: libvirt passes NUL-terminated strings or NULL.
    (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
}

fn fill_credentials(callback: &Code, creds: &mut [virt_sys::virConnectCredential]) -> Result<c_int> {
    let perl = callback.arg().perl();
    let hashes: Vec<OwnedSv> = creds
        .iter()
        .map(|cred| {
            let hash = Hash::new()
                .with("type", cred.type_)
                .with("prompt", c_text(cred.prompt))
                .with("challenge", c_text(cred.challenge))
                .with("result", c_text(cred.defresult));
            OwnedSv::new(perl, Value::Hash(hash))
        })
        .collect();
    let list = Value::Array(hashes.iter().map(|h| Value::Sv(h.share())).collect());
    let status = callback.call(vec![list], Want::Scalar)?;
    let status = match &status {
        Some(sv) => sv.view(SUB_NAME, "callback's return value").integer_in(c_int::MIN as i128, c_int::MAX as i128)?,
        None => None,
    };
    for (cred, hash) in creds.iter_mut().zip(&hashes) {
        let answer = match hash.view(SUB_NAME, "credential").field("result")? {
            Some(result) => result.string()?,
            None => None,
        };
        if let Some(answer) = answer {
            let Ok(answer) = CString::new(answer) else { return croak(format!("{SUB_NAME}: a credential result contains NUL")) };
            let len = answer.as_bytes().len();
            // libvirt frees the result with free(), so it must come from malloc.
            // SAFETY: strdup of a valid C string.
            cred.result = unsafe { libc::strdup(answer.as_ptr()) };
            cred.resultlen = len as c_uint;
        }
    }
    Ok(status.unwrap_or(0) as c_int)
}
